import { sql } from "kysely";
import type { NewClassroom } from "../../../db/schema/classrooms";
import type { DbOrTrx } from "../../lib/db.server";

const STAFF_ROLES = ["mediator", "teacher", "coordinator"] as const;

export function insertClassroom(db: DbOrTrx, values: NewClassroom) {
  return db.insertInto("classroom").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertCohosts(db: DbOrTrx, classroomId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await db
    .insertInto("classroom_cohost")
    .values(userIds.map((user_id) => ({ classroom_id: classroomId, user_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findClassroom(db: DbOrTrx, id: string) {
  return db.selectFrom("classroom").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Serialises registrations of one class (capacity) and its state changes. */
export function lockClassroom(db: DbOrTrx, id: string) {
  return db.selectFrom("classroom").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function findClassroomByRoom(db: DbOrTrx, roomName: string) {
  return db.selectFrom("classroom").selectAll().where("room_name", "=", roomName).executeTakeFirst();
}

export async function listCohostIds(db: DbOrTrx, classroomId: string) {
  const rows = await db.selectFrom("classroom_cohost").select("user_id").where("classroom_id", "=", classroomId).execute();
  return rows.map((r) => r.user_id);
}

export function listCohosts(db: DbOrTrx, classroomId: string) {
  return db
    .selectFrom("classroom_cohost")
    .innerJoin("app_user", "app_user.id", "classroom_cohost.user_id")
    .select(["app_user.id", "app_user.first_name", "app_user.last_name"])
    .where("classroom_cohost.classroom_id", "=", classroomId)
    .orderBy("app_user.first_name")
    .execute();
}

/** People who can host a class. A small list in a community of this size; capped all the same. */
export function listStaff(db: DbOrTrx) {
  return db
    .selectFrom("app_user")
    .select(["id", "first_name", "last_name", "role"])
    .where("role", "in", [...STAFF_ROLES])
    .where("disabled_at", "is", null)
    .orderBy("first_name")
    .orderBy("last_name")
    .limit(300)
    .execute();
}

export function findActiveStaff(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("app_user")
    .select(["id", "role"])
    .where("id", "in", ids)
    .where("role", "in", [...STAFF_ROLES])
    .where("disabled_at", "is", null)
    .execute();
}

/** Learners a staff member created (assisted accounts, often without an email address). */
export function listLearnersCreatedBy(db: DbOrTrx, staffId: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "first_name", "last_name"])
    .where("created_by", "=", staffId)
    .where("role", "=", "learner")
    .where("disabled_at", "is", null)
    .orderBy("first_name")
    .limit(300)
    .execute();
}

const classSummary = (db: DbOrTrx) =>
  db
    .selectFrom("classroom")
    .leftJoin("app_user as host", "host.id", "classroom.host_id")
    .select((eb) => [
      "classroom.id",
      "classroom.title",
      "classroom.starts_at",
      "classroom.ends_at",
      "classroom.capacity",
      "classroom.cancelled_at",
      "classroom.ended_at",
      "host.first_name as host_first_name",
      "host.last_name as host_last_name",
      eb
        .selectFrom("classroom_registration as r")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("r.classroom_id", "=", "classroom.id")
        .where("r.removed_at", "is", null)
        .as("registered_count"),
    ]);

export function listUpcomingClasses(db: DbOrTrx, now: Date, limit = 100) {
  return classSummary(db)
    .where("classroom.ends_at", ">", now)
    .where("classroom.cancelled_at", "is", null)
    .where("classroom.ended_at", "is", null)
    .orderBy("classroom.starts_at")
    .limit(limit)
    .execute();
}

/** Classes the user attends or runs (host, co-host), most recent first. */
export function listClassesOfUser(db: DbOrTrx, userId: string, limit = 100) {
  return classSummary(db)
    .where((eb) =>
      eb.or([
        eb("classroom.host_id", "=", userId),
        eb.exists(
          eb
            .selectFrom("classroom_cohost as c")
            .select("c.user_id")
            .whereRef("c.classroom_id", "=", "classroom.id")
            .where("c.user_id", "=", userId),
        ),
        eb.exists(
          eb
            .selectFrom("classroom_registration as r")
            .select("r.user_id")
            .whereRef("r.classroom_id", "=", "classroom.id")
            .where("r.user_id", "=", userId),
        ),
      ]),
    )
    .orderBy("classroom.starts_at", "desc")
    .limit(limit)
    .execute();
}

/** Full rows of the classes a user runs or is registered in (not removed from), ending after a date, for calendars. */
export function listCalendarClassesOf(db: DbOrTrx, userId: string, endingAfter: Date, limit = 500) {
  return db
    .selectFrom("classroom")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("host_id", "=", userId),
        eb.exists(
          eb.selectFrom("classroom_cohost as c").select("c.user_id").whereRef("c.classroom_id", "=", "classroom.id").where("c.user_id", "=", userId),
        ),
        eb.exists(
          eb
            .selectFrom("classroom_registration as r")
            .select("r.user_id")
            .whereRef("r.classroom_id", "=", "classroom.id")
            .where("r.user_id", "=", userId)
            .where("r.removed_at", "is", null),
        ),
      ]),
    )
    .where("ends_at", ">=", endingAfter)
    .orderBy("starts_at")
    .limit(limit)
    .execute();
}

export function findRegistration(db: DbOrTrx, classroomId: string, userId: string) {
  return db
    .selectFrom("classroom_registration")
    .selectAll()
    .where("classroom_id", "=", classroomId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function countSeatsTaken(db: DbOrTrx, classroomId: string) {
  const row = await db
    .selectFrom("classroom_registration")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("classroom_id", "=", classroomId)
    .where("removed_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts the registration; a second one for the same person is a no-op (double click). */
export async function insertRegistration(db: DbOrTrx, classroomId: string, userId: string, registeredBy: string) {
  const inserted = await db
    .insertInto("classroom_registration")
    .values({ classroom_id: classroomId, user_id: userId, registered_by: registeredBy })
    .onConflict((oc) => oc.columns(["classroom_id", "user_id"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return !!inserted;
}

export async function deleteRegistration(db: DbOrTrx, classroomId: string, userId: string) {
  const result = await db
    .deleteFrom("classroom_registration")
    .where("classroom_id", "=", classroomId)
    .where("user_id", "=", userId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function listRegistrants(db: DbOrTrx, classroomId: string) {
  return db
    .selectFrom("classroom_registration as r")
    .innerJoin("app_user as u", "u.id", "r.user_id")
    .select([
      "u.id",
      "u.first_name",
      "u.last_name",
      "u.email",
      "u.locale",
      "r.registered_at",
      "r.can_speak",
      "r.removed_at",
    ])
    .where("r.classroom_id", "=", classroomId)
    .orderBy("u.first_name")
    .orderBy("u.last_name")
    .execute();
}

export async function setCanSpeak(db: DbOrTrx, classroomId: string, userId: string, canSpeak: boolean) {
  await db
    .updateTable("classroom_registration")
    .set({ can_speak: canSpeak })
    .where("classroom_id", "=", classroomId)
    .where("user_id", "=", userId)
    .execute();
}

export async function markRemoved(db: DbOrTrx, classroomId: string, userId: string, removedBy: string, at: Date) {
  await db
    .updateTable("classroom_registration")
    .set({ removed_at: at, removed_by: removedBy, can_speak: false })
    .where("classroom_id", "=", classroomId)
    .where("user_id", "=", userId)
    .where("removed_at", "is", null)
    .execute();
}

export function cancelClassroom(db: DbOrTrx, id: string, at: Date) {
  return db
    .updateTable("classroom")
    .set({ cancelled_at: at, updated_at: at, sequence: sql`sequence + 1` })
    .where("id", "=", id)
    .where("cancelled_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

export async function markEnded(db: DbOrTrx, id: string, at: Date) {
  await db.updateTable("classroom").set({ ended_at: at, updated_at: at }).where("id", "=", id).where("ended_at", "is", null).execute();
}

// ── reminders ──────────────────────────────────────────────────────────

/** Registrations of classes starting before `until`, not reminded yet; rows claimed by one process only. */
export function claimDueReminders(db: DbOrTrx, now: Date, until: Date, limit = 100) {
  return db
    .selectFrom("classroom_registration as r")
    .innerJoin("classroom as c", "c.id", "r.classroom_id")
    .innerJoin("app_user as u", "u.id", "r.user_id")
    .select(["r.classroom_id", "r.user_id", "c.title", "c.starts_at", "c.ends_at", "u.email", "u.first_name", "u.locale"])
    .where("r.reminded_at", "is", null)
    .where("r.removed_at", "is", null)
    .where("c.cancelled_at", "is", null)
    .where("c.starts_at", ">", now)
    .where("c.starts_at", "<=", until)
    .orderBy("c.starts_at")
    .limit(limit)
    .forUpdate("r")
    .skipLocked()
    .execute();
}

export async function markReminded(db: DbOrTrx, classroomId: string, userId: string, at: Date) {
  await db
    .updateTable("classroom_registration")
    .set({ reminded_at: at })
    .where("classroom_id", "=", classroomId)
    .where("user_id", "=", userId)
    .execute();
}

/** Registrations of a learner with the class window, for attendance. */
export function listRegistrationsWithClass(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("classroom_registration as r")
    .innerJoin("classroom as c", "c.id", "r.classroom_id")
    .select(["c.id", "c.title", "c.starts_at", "c.ends_at", "c.ended_at", "c.room_finished_at", "c.cancelled_at"])
    .where("r.user_id", "=", userId)
    .orderBy("c.starts_at", "desc")
    .execute();
}

/** Where to write to a registrant (no address for an access-card holder), in their language. */
export function findRegistrantContact(db: DbOrTrx, userId: string) {
  return db.selectFrom("app_user").select(["email", "first_name", "locale"]).where("id", "=", userId).executeTakeFirst();
}

/* A person's data, for "download my data" */

export function listRegistrationsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("classroom_registration as r")
    .innerJoin("classroom as c", "c.id", "r.classroom_id")
    .select(["c.id", "c.title", "c.starts_at", "c.ends_at", "r.registered_at", "r.can_speak", "r.removed_at"])
    .where("r.user_id", "=", userId)
    .orderBy("c.starts_at")
    .execute();
}

/** Classes the person hosted or co-hosted. */
export function listClassesHostedBy(db: DbOrTrx, userId: string) {
  return db
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
}

export function listPresenceOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("classroom_presence")
    .select(["classroom_id", "joined_at", "left_at"])
    .where("user_id", "=", userId)
    .orderBy("joined_at")
    .execute();
}
