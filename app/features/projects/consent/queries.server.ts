import type { ConsentMethod } from "../../../../db/schema/projects";
import type { DbOrTrx } from "../../../lib/db.server";
import { dateText, hasConsent } from "../queries.server";

/** A pupil's birth date and whether a parental consent is on record. */
export function pupilProfileStanding(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("pupil_profile")
    .select((eb) => [dateText("pupil_profile.birth_date").as("birthDate"), hasConsent(eb.ref("pupil_profile.user_id")).as("hasConsent")])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Whether `otherUserId` sits in one of the user's classes or teaches one of them. */
export async function sharesAClass(db: DbOrTrx, userId: string, otherUserId: string) {
  const shared = await db
    .selectFrom("class_pupil as mine")
    .innerJoin("school_class", "school_class.id", "mine.class_id")
    .leftJoin("class_pupil as theirs", (j) => j.onRef("theirs.class_id", "=", "mine.class_id").on("theirs.user_id", "=", otherUserId))
    .select("mine.id")
    .where("mine.user_id", "=", userId)
    .where((eb) => eb.or([eb("theirs.id", "is not", null), eb("school_class.teacher_id", "=", otherUserId)]))
    .executeTakeFirst();
  return !!shared;
}

/** The consents on record (not withdrawn) for these pupils, the latest first, with who recorded them. */
export function consentsOfPupils(db: DbOrTrx, pupilUserIds: string[]) {
  return db
    .selectFrom("parental_consent")
    .leftJoin("app_user as recorder", "recorder.id", "parental_consent.recorded_by")
    .select([
      "parental_consent.id",
      "parental_consent.pupil_user_id",
      "parental_consent.given_by",
      "parental_consent.method",
      dateText("parental_consent.given_on").as("given_on"),
      "parental_consent.recorded_at",
      "recorder.first_name as recorder_first_name",
      "recorder.last_name as recorder_last_name",
    ])
    .where("parental_consent.pupil_user_id", "in", pupilUserIds)
    .where("parental_consent.withdrawn_at", "is", null)
    .orderBy("parental_consent.recorded_at", "desc")
    .execute();
}

export async function insertConsent(
  db: DbOrTrx,
  consent: { pupilUserId: string; classId: string; givenBy: string; method: ConsentMethod; givenOn: string; recordedBy: string },
) {
  await db
    .insertInto("parental_consent")
    .values({
      pupil_user_id: consent.pupilUserId,
      class_id: consent.classId,
      given_by: consent.givenBy,
      method: consent.method,
      given_on: consent.givenOn,
      recorded_by: consent.recordedBy,
    })
    .execute();
}

/** Every consent about the person, withdrawn ones included (download my data). */
export function consentsAboutUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("parental_consent")
    .select(["given_by", "method", dateText("given_on").as("given_on"), "recorded_at", "withdrawn_at"])
    .where("pupil_user_id", "=", userId)
    .execute();
}
