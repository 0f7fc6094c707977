import type { PersonalDataSource } from "../../lib/personal-data.server";
import { personalCourseData } from "./queries.server";

/**
 * A person's courses for "download my data": enrolments, lesson progress
 * (with scores) and the courses they author. On deletion, enrolments,
 * progress and authorships go with the account (ON DELETE CASCADE); courses
 * they created stay, without their creator (SET NULL).
 */
export const coursesPersonalData: PersonalDataSource = {
  name: "courses",
  async collect(db, userId) {
    return personalCourseData(db, userId);
  },
};
