import type { PersonalDataSource } from "../../lib/personal-data.server";

/**
 * A person's mediation data for "download my data": their profile, the
 * consent recorded when a mediator created their account or printed them a
 * card, their access cards
 * (dates only: codes are never stored) and the accompaniments they appear in.
 * On deletion, cards and consents go with the account (CASCADE); activity-log
 * entries stay for the yearly evaluation, with the person unlinked (SET NULL)
 * so only an anonymous profile (age band, commune) remains.
 */
export const mediationPersonalData: PersonalDataSource = {
  name: "mediation",
  async collect(db, userId) {
    const profile = await db
      .selectFrom("app_user")
      .select(["age_band", "commune", "commune_insee", "audience", "created_by"])
      .where("id", "=", userId)
      .executeTakeFirst();
    const consents = await db
      .selectFrom("assisted_consent")
      .select(["recorded_at", "recorded_by", "given_by", "representative_name", "explained", "notes", "withdrawn_at"])
      .where("user_id", "=", userId)
      .execute();
    const cardConsents = await db
      .selectFrom("access_card_consent")
      .select(["recorded_at", "recorded_by", "given_by", "representative_name", "explained", "notes", "withdrawn_at"])
      .where("user_id", "=", userId)
      .execute();
    const accessCards = await db
      .selectFrom("access_card")
      .select(["issued_at", "issued_by", "revoked_at", "last_used_at"])
      .where("user_id", "=", userId)
      .orderBy("issued_at")
      .execute();
    const accompaniments = await db
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
    return { profile, consents, cardConsents, accessCards, accompaniments };
  },
};
