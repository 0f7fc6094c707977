import type { PersonalDataSource } from "../../lib/personal-data.server";
import { listClassAttendance } from "./attendance.server";

/**
 * A person's virtual-class data for "download my data". On deletion,
 * registrations, presence and co-hosting rows go with the account (ON DELETE
 * CASCADE); classes they hosted stay, without a host (SET NULL), so that the
 * other learners keep their attendance.
 */
export const classroomsPersonalData: PersonalDataSource = {
  name: "classrooms",
  async collect(db, userId) {
    const registrations = await db
      .selectFrom("classroom_registration as r")
      .innerJoin("classroom as c", "c.id", "r.classroom_id")
      .select(["c.id", "c.title", "c.starts_at", "c.ends_at", "r.registered_at", "r.can_speak", "r.removed_at"])
      .where("r.user_id", "=", userId)
      .orderBy("c.starts_at")
      .execute();
    const hosted = await db
      .selectFrom("classroom as c")
      .select(["c.id", "c.title", "c.starts_at", "c.ends_at"])
      .where((eb) =>
        eb.or([
          eb("c.host_id", "=", userId),
          eb.exists(eb.selectFrom("classroom_cohost as h").select("h.user_id").whereRef("h.classroom_id", "=", "c.id").where("h.user_id", "=", userId)),
        ]),
      )
      .orderBy("c.starts_at")
      .execute();
    const presence = await db
      .selectFrom("classroom_presence")
      .select(["classroom_id", "joined_at", "left_at"])
      .where("user_id", "=", userId)
      .orderBy("joined_at")
      .execute();
    return { registrations, hosted, presence, attendance: await listClassAttendance(db, userId) };
  },
};
