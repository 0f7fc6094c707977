import type { DbOrTrx } from "../../lib/db.server";

/* What the mediation domain keeps about one person, for "download my data" */

/** The anonymous profile a mediator records (age band, commune, audience), and who created the account. */
export function findMediationProfile(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("app_user")
    .select(["age_band", "commune", "commune_insee", "audience", "created_by"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** The consent recorded when a mediator created the account. */
export function listAssistedConsentsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("assisted_consent")
    .select(["recorded_at", "recorded_by", "given_by", "representative_name", "explained", "notes", "withdrawn_at"])
    .where("user_id", "=", userId)
    .execute();
}

/** The consent recorded when a mediator printed an access card. */
export function listCardConsentRecordsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("access_card_consent")
    .select(["recorded_at", "recorded_by", "given_by", "representative_name", "explained", "notes", "withdrawn_at"])
    .where("user_id", "=", userId)
    .execute();
}

/** Access cards, dates only: codes are never stored. */
export function listAccessCardsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("access_card")
    .select(["issued_at", "issued_by", "revoked_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("issued_at")
    .execute();
}

/** The accompaniments the person appears in. */
export function listAccompanimentsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("mediation_beneficiary")
    .innerJoin("mediation_activity", "mediation_activity.id", "mediation_beneficiary.activity_id")
    .select([
      "mediation_activity.activity_date",
      "mediation_activity.activity_type",
      "mediation_activity.duration_minutes",
      "mediation_activity.place_type",
      "mediation_activity.themes",
      "mediation_activity.autonomy",
      "mediation_activity.redirection",
      "mediation_activity.notes",
    ])
    .where("mediation_beneficiary.user_id", "=", userId)
    .orderBy("mediation_activity.activity_date")
    .execute();
}
