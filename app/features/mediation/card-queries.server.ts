import type { DbOrTrx } from "../../lib/db.server";

/* Who may be given an access card (decision 036) */

/**
 * The card holder's row, locked until the end of the transaction, with the
 * person's standing agreement to a card if any: an address or password added
 * meanwhile waits for the card to be printed, or the card for them.
 */
export function lockCardHolder(trx: DbOrTrx, userId: string) {
  return trx
    .selectFrom("app_user")
    .select((eb) => [
      "app_user.id",
      "app_user.email",
      "app_user.first_name",
      "app_user.locale",
      eb("app_user.password_hash", "is not", null).as("has_password"),
      eb
        .selectFrom("access_card_consent")
        .select("access_card_consent.id")
        .whereRef("access_card_consent.user_id", "=", "app_user.id")
        .where("access_card_consent.withdrawn_at", "is", null)
        .orderBy("access_card_consent.recorded_at", "desc")
        .limit(1)
        .as("consent_id"),
    ])
    .where("app_user.id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

export function insertCardConsent(
  db: DbOrTrx,
  values: { userId: string; recordedBy: string; givenBy: "personne" | "representant_legal"; representativeName: string | null; explained: string[]; notes: string | null },
) {
  return db
    .insertInto("access_card_consent")
    .values({
      user_id: values.userId,
      recorded_by: values.recordedBy,
      given_by: values.givenBy,
      representative_name: values.representativeName,
      explained: values.explained,
      notes: values.notes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listCardConsents(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("access_card_consent")
    .leftJoin("app_user as recorder", "recorder.id", "access_card_consent.recorded_by")
    .selectAll("access_card_consent")
    .select(["recorder.first_name as recorder_first_name", "recorder.last_name as recorder_last_name"])
    .where("access_card_consent.user_id", "=", userId)
    .orderBy("access_card_consent.recorded_at", "desc")
    .execute();
}

export function insertCardWithConsent(db: DbOrTrx, values: { userId: string; codeHash: string; issuedBy: string; consentId: string | null }) {
  return db
    .insertInto("access_card")
    .values({ user_id: values.userId, code_hash: values.codeHash, issued_by: values.issuedBy, consent_id: values.consentId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/* Every card issued, for the coordinators */

export function listIssuedCards(db: DbOrTrx, { limit, offset }: { limit: number; offset: number }) {
  return db
    .selectFrom("access_card")
    .innerJoin("app_user as holder", "holder.id", "access_card.user_id")
    .leftJoin("app_user as issuer", "issuer.id", "access_card.issued_by")
    .leftJoin("app_user as revoker", "revoker.id", "access_card.revoked_by")
    .select((eb) => [
      "access_card.id",
      "access_card.issued_at",
      "access_card.revoked_at",
      "access_card.last_used_at",
      "access_card.consent_id",
      "holder.id as holder_id",
      "holder.first_name as holder_first_name",
      "holder.last_name as holder_last_name",
      "holder.role as holder_role",
      "issuer.first_name as issuer_first_name",
      "issuer.last_name as issuer_last_name",
      "revoker.first_name as revoker_first_name",
      "revoker.last_name as revoker_last_name",
      eb.fn.countAll<string>().over().as("total"),
    ])
    .orderBy("access_card.issued_at", "desc")
    .orderBy("access_card.id")
    .limit(limit)
    .offset(offset)
    .execute();
}
