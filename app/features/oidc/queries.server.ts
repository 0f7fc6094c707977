import type { User } from "../../../db/schema/accounts";
import type { MappedRole, OidcIdentity, OidcLogin, OidcPendingIdentity, OidcRoleMapping } from "../../../db/schema/oidc";
import type { DbOrTrx } from "../../lib/db.server";

export function insertLogin(db: DbOrTrx, values: Omit<OidcLogin, "created_at">) {
  return db.insertInto("oidc_login").values(values).execute();
}

/** Single use: the row is gone whatever happens next. */
export function consumeLogin(db: DbOrTrx, id: string): Promise<OidcLogin | undefined> {
  return db.deleteFrom("oidc_login").where("id", "=", id).returningAll().executeTakeFirst();
}

export function findIdentity(db: DbOrTrx, issuer: string, subject: string): Promise<OidcIdentity | undefined> {
  return db.selectFrom("oidc_identity").selectAll().where("issuer", "=", issuer).where("subject", "=", subject).executeTakeFirst();
}

/** The identity's row locked, with its account, for a sign-in that may change the role. */
export function lockIdentityWithUser(db: DbOrTrx, issuer: string, subject: string) {
  return db
    .selectFrom("oidc_identity")
    .innerJoin("app_user", "app_user.id", "oidc_identity.user_id")
    .selectAll("app_user")
    .select(["oidc_identity.id as identity_id", "oidc_identity.mapped_role", "oidc_identity.provider_id"])
    .where("oidc_identity.issuer", "=", issuer)
    .where("oidc_identity.subject", "=", subject)
    .forUpdate()
    .executeTakeFirst();
}

export function insertIdentity(db: DbOrTrx, values: { userId: string; providerId: string; issuer: string; subject: string }) {
  return db
    .insertInto("oidc_identity")
    .values({ user_id: values.userId, provider_id: values.providerId, issuer: values.issuer, subject: values.subject, last_used_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function touchIdentity(db: DbOrTrx, identityId: string, mappedRole: MappedRole | null) {
  await db.updateTable("oidc_identity").set({ last_used_at: new Date(), mapped_role: mappedRole }).where("id", "=", identityId).execute();
}

export async function setUserRole(db: DbOrTrx, userId: string, role: User["role"]) {
  await db.updateTable("app_user").set({ role, updated_at: new Date() }).where("id", "=", userId).execute();
}

export function identitiesOfUser(db: DbOrTrx, userId: string): Promise<OidcIdentity[]> {
  return db.selectFrom("oidc_identity").selectAll().where("user_id", "=", userId).orderBy("linked_at").execute();
}

export function deleteIdentity(db: DbOrTrx, userId: string, providerId: string) {
  return db.deleteFrom("oidc_identity").where("user_id", "=", userId).where("provider_id", "=", providerId).returningAll().executeTakeFirst();
}

/** The account's row locked, with what else lets its owner in: a password, a live access card. */
export function lockUserSignInMeans(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("app_user")
    .select((eb) => [
      "app_user.id",
      "app_user.role",
      eb("app_user.password_hash", "is not", null).as("has_password"),
      eb
        .exists(eb.selectFrom("access_card").select("access_card.id").whereRef("access_card.user_id", "=", "app_user.id").where("access_card.revoked_at", "is", null))
        .as("has_card"),
    ])
    .where("app_user.id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

export function insertPending(db: DbOrTrx, values: Omit<OidcPendingIdentity, "created_at" | "claims"> & { claims: string }) {
  return db.insertInto("oidc_pending_identity").values(values).execute();
}

export function findPending(db: DbOrTrx, id: string, now: Date): Promise<OidcPendingIdentity | undefined> {
  return db.selectFrom("oidc_pending_identity").selectAll().where("id", "=", id).where("expires_at", ">", now).executeTakeFirst();
}

/** Single use, like the sign-in: whoever consumes it first links or creates. */
export function consumePending(db: DbOrTrx, id: string, now: Date): Promise<OidcPendingIdentity | undefined> {
  return db.deleteFrom("oidc_pending_identity").where("id", "=", id).where("expires_at", ">", now).returningAll().executeTakeFirst();
}

export function emailInUse(db: DbOrTrx, email: string) {
  return db.selectFrom("app_user").select("id").where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export function insertOidcSession(db: DbOrTrx, values: { sessionId: string; providerId: string; idToken: string }) {
  return db.insertInto("oidc_session").values({ session_id: values.sessionId, provider_id: values.providerId, id_token: values.idToken }).execute();
}

export function findOidcSession(db: DbOrTrx, sessionId: string) {
  return db.selectFrom("oidc_session").selectAll().where("session_id", "=", sessionId).executeTakeFirst();
}

export function mappingsOfProvider(db: DbOrTrx, providerId: string): Promise<OidcRoleMapping[]> {
  return db.selectFrom("oidc_role_mapping").selectAll().where("provider_id", "=", providerId).orderBy("created_at").execute();
}

export function allMappings(db: DbOrTrx): Promise<OidcRoleMapping[]> {
  return db.selectFrom("oidc_role_mapping").selectAll().orderBy("provider_id").orderBy("created_at").execute();
}

export function insertMapping(db: DbOrTrx, values: { providerId: string; claim: string; value: string; role: MappedRole; createdBy: string }) {
  return db
    .insertInto("oidc_role_mapping")
    .values({ provider_id: values.providerId, claim: values.claim, value: values.value, role: values.role, created_by: values.createdBy })
    .onConflict((oc) => oc.columns(["provider_id", "claim", "value"]).doUpdateSet({ role: values.role, created_by: values.createdBy }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteMapping(db: DbOrTrx, id: string) {
  return db.deleteFrom("oidc_role_mapping").where("id", "=", id).returningAll().executeTakeFirst();
}

export async function purgeExpired(db: DbOrTrx, now: Date) {
  const logins = await db.deleteFrom("oidc_login").where("expires_at", "<=", now).executeTakeFirst();
  const pending = await db.deleteFrom("oidc_pending_identity").where("expires_at", "<=", now).executeTakeFirst();
  return Number(logins.numDeletedRows) + Number(pending.numDeletedRows);
}
