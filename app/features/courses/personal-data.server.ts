import type { PersonalDataSource } from "../../lib/personal-data.server";

/**
 * A person's courses for "download my data": enrolments, lesson progress
 * (with scores) and the courses they author. On deletion, enrolments,
 * progress and authorships go with the account (ON DELETE CASCADE); courses
 * they created stay, without their creator (SET NULL).
 */
export const coursesPersonalData: PersonalDataSource = {
  name: "courses",
  async collect(db, userId) {
    const enrolments = await db
      .selectFrom("enrolment")
      .innerJoin("course", "course.id", "enrolment.course_id")
      .select(["course.slug", "course.title", "enrolment.enrolled_at", "enrolment.completed_at", "enrolment.updated_at"])
      .where("enrolment.user_id", "=", userId)
      .orderBy("enrolment.enrolled_at")
      .execute();
    const lessons = await db
      .selectFrom("lesson_progress")
      .innerJoin("lesson", "lesson.id", "lesson_progress.lesson_id")
      .innerJoin("course", "course.id", "lesson_progress.course_id")
      .select([
        "course.slug as course",
        "lesson.title as lesson",
        "lesson_progress.started_at",
        "lesson_progress.completed_at",
        "lesson_progress.best_score",
        "lesson_progress.last_position",
      ])
      .where("lesson_progress.user_id", "=", userId)
      .orderBy("lesson_progress.started_at")
      .execute();
    const authored = await db
      .selectFrom("course_author")
      .innerJoin("course", "course.id", "course_author.course_id")
      .select(["course.slug", "course.title", "course.status", "course_author.added_at"])
      .where("course_author.user_id", "=", userId)
      .orderBy("course_author.added_at")
      .execute();
    return { enrolments, lessons, authored };
  },
};
