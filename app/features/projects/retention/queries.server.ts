import type { DbOrTrx } from "../../../lib/db.server";

export async function markClassArchived(db: DbOrTrx, classId: string, now: Date) {
  await db.updateTable("school_class").set({ archived_at: now, join_code: null, updated_at: now }).where("id", "=", classId).execute();
}

/** The class's seats that still have an account. */
export function linkedSeatsOfClass(db: DbOrTrx, classId: string) {
  return db.selectFrom("class_pupil").select(["id", "user_id"]).where("class_id", "=", classId).where("user_id", "is not", null).execute();
}

/** Parental consents about the pupil: those recorded in one class, or all of them. */
export async function deleteConsentsOfPupil(db: DbOrTrx, userId: string, classId?: string) {
  let query = db.deleteFrom("parental_consent").where("pupil_user_id", "=", userId);
  if (classId) query = query.where("class_id", "=", classId);
  await query.execute();
}

export async function unlinkSeat(db: DbOrTrx, seatId: string) {
  await db.updateTable("class_pupil").set({ user_id: null }).where("id", "=", seatId).execute();
}

/** Whether the pupil also sits in another class whose personal data is kept. */
export async function seatedElsewhere(db: DbOrTrx, userId: string, classId: string) {
  const elsewhere = await db
    .selectFrom("class_pupil")
    .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
    .select("class_pupil.id")
    .where("class_pupil.user_id", "=", userId)
    .where("school_class.personal_data_purged_at", "is", null)
    .where("school_class.id", "!=", classId)
    .executeTakeFirst();
  return !!elsewhere;
}

export function profileOrigin(db: DbOrTrx, userId: string) {
  return db.selectFrom("pupil_profile").select("account_created_for_class_id").where("user_id", "=", userId).executeTakeFirst();
}

export async function deleteAccount(db: DbOrTrx, userId: string) {
  await db.deleteFrom("app_user").where("id", "=", userId).execute();
}

export async function deletePupilProfile(db: DbOrTrx, userId: string) {
  await db.deleteFrom("pupil_profile").where("user_id", "=", userId).execute();
}

export async function markClassPurged(db: DbOrTrx, classId: string, now: Date) {
  await db.updateTable("school_class").set({ personal_data_purged_at: now, join_code: null, updated_at: now }).where("id", "=", classId).execute();
}

/** Classes archived since before `archivedBefore` and not purged yet, the oldest first (50 at a time). */
export function classesDueForPurge(db: DbOrTrx, archivedBefore: Date) {
  return db
    .selectFrom("school_class")
    .select("id")
    .where("archived_at", "is not", null)
    .where("personal_data_purged_at", "is", null)
    .where("archived_at", "<=", archivedBefore)
    .orderBy("archived_at")
    .limit(50)
    .execute();
}

/** The class's row locked until the transaction ends, if it is still to purge. */
export function lockClassToPurge(db: DbOrTrx, classId: string) {
  return db.selectFrom("school_class").select("id").where("id", "=", classId).where("personal_data_purged_at", "is", null).forUpdate().executeTakeFirst();
}
