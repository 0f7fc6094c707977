import type { PersonalDataSource } from "../../lib/personal-data.server";
import { listClassAttendance } from "./attendance.server";
import * as q from "./queries.server";

/**
 * A person's virtual-class data for "download my data". On deletion,
 * registrations, presence and co-hosting rows go with the account (ON DELETE
 * CASCADE); classes they hosted stay, without a host (SET NULL), so that the
 * other learners keep their attendance.
 */
export const classroomsPersonalData: PersonalDataSource = {
  name: "classrooms",
  async collect(db, userId) {
    const registrations = await q.listRegistrationsOf(db, userId);
    const hosted = await q.listClassesHostedBy(db, userId);
    const presence = await q.listPresenceOf(db, userId);
    return { registrations, hosted, presence, attendance: await listClassAttendance(db, userId) };
  },
};
