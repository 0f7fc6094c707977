import { sql } from "kysely";
import type { LtiMessageType, LtiTargetKind } from "../../../db/schema/lti";
import type { DbOrTrx } from "../../lib/db.server";

// Platforms

export function listPlatforms(db: DbOrTrx) {
  return db.selectFrom("lti_platform").selectAll().orderBy("name").execute();
}

export function findPlatform(db: DbOrTrx, id: string) {
  return db.selectFrom("lti_platform").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The enabled platform a login or a token names; `clientId` may be absent from a login request. */
export function findEnabledPlatforms(db: DbOrTrx, issuer: string, clientId?: string) {
  let query = db.selectFrom("lti_platform").selectAll().where("issuer", "=", issuer).where("disabled_at", "is", null);
  if (clientId) query = query.where("client_id", "=", clientId);
  return query.execute();
}

export function listEnabledPlatformUrls(db: DbOrTrx) {
  return db.selectFrom("lti_platform").select(["issuer", "auth_url"]).where("disabled_at", "is", null).execute();
}

export interface PlatformValues {
  name: string;
  issuer: string;
  client_id: string;
  deployment_ids: string[];
  jwks_url: string;
  auth_url: string;
  token_url: string;
  school: boolean;
}

export function insertPlatform(db: DbOrTrx, values: PlatformValues & { created_by: string }) {
  return db
    .insertInto("lti_platform")
    .values(values)
    .onConflict((oc) => oc.constraint("lti_platform_issuer_client").doNothing())
    .returning("id")
    .executeTakeFirst();
}

export function updatePlatform(db: DbOrTrx, id: string, values: PlatformValues) {
  return db
    .updateTable("lti_platform")
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
}

export function setPlatformDisabled(db: DbOrTrx, id: string, disabledAt: Date | null) {
  return db.updateTable("lti_platform").set({ disabled_at: disabledAt }).where("id", "=", id).returning("id").executeTakeFirst();
}

// The tool's keys

export function findActiveKey(db: DbOrTrx) {
  return db.selectFrom("lti_tool_key").selectAll().where("retired_at", "is", null).executeTakeFirst();
}

/** The active key first, then the keys retired after `retiredSince`, newest first. */
export function listPublishedKeys(db: DbOrTrx, retiredSince: Date) {
  return db
    .selectFrom("lti_tool_key")
    .select(["id", "public_jwk", "created_at", "retired_at"])
    .where((eb) => eb.or([eb("retired_at", "is", null), eb("retired_at", ">", retiredSince)]))
    .orderBy(sql`retired_at is null`, "desc")
    .orderBy("created_at", "desc")
    .execute();
}

export async function insertKeyIfNoneActive(db: DbOrTrx, values: { id: string; publicJwk: Record<string, string>; privateKeyPkcs8: string }) {
  await sql`insert into lti_tool_key (id, public_jwk, private_key_pkcs8) values (${values.id}, ${JSON.stringify(values.publicJwk)}::jsonb, ${values.privateKeyPkcs8}) on conflict do nothing`.execute(
    db,
  );
}

export function retireActiveKey(db: DbOrTrx, at: Date) {
  return db.updateTable("lti_tool_key").set({ retired_at: at }).where("retired_at", "is", null).execute();
}

// Login states and nonces

export function insertLoginState(db: DbOrTrx, v: { stateHash: string; platformId: string; nonce: string; params: Record<string, string>; expiresAt: Date }) {
  return db
    .insertInto("lti_login_state")
    .values({ state_hash: v.stateHash, platform_id: v.platformId, nonce: v.nonce, login_params: v.params, expires_at: v.expiresAt })
    .execute();
}

export function findLoginState(db: DbOrTrx, stateHash: string) {
  return db.selectFrom("lti_login_state").selectAll().where("state_hash", "=", stateHash).executeTakeFirst();
}

/** Single use: the one caller that deletes the row gets it. */
export function takeLoginState(db: DbOrTrx, stateHash: string, now: Date) {
  return db.deleteFrom("lti_login_state").where("state_hash", "=", stateHash).where("expires_at", ">", now).returningAll().executeTakeFirst();
}

/** False when the nonce was already used: the primary key refuses the second insert. */
export async function useNonce(db: DbOrTrx, v: { platformId: string; nonce: string; expiresAt: Date }) {
  const row = await db
    .insertInto("lti_used_nonce")
    .values({ platform_id: v.platformId, nonce: v.nonce, expires_at: v.expiresAt })
    .onConflict((oc) => oc.columns(["platform_id", "nonce"]).doNothing())
    .returning("nonce")
    .executeTakeFirst();
  return row !== undefined;
}

export async function pruneExpired(db: DbOrTrx, now: Date) {
  await db.deleteFrom("lti_login_state").where("expires_at", "<", now).execute();
  await db.deleteFrom("lti_used_nonce").where("expires_at", "<", now).execute();
  await db.deleteFrom("lti_launch").where("expires_at", "<", now).where("ags_lineitem", "is", null).execute();
}

// Users and launches

export function findLinkedUser(db: DbOrTrx, platformId: string, sub: string) {
  return db
    .selectFrom("lti_user_link")
    .innerJoin("app_user", "app_user.id", "lti_user_link.user_id")
    .selectAll("app_user")
    .where("lti_user_link.platform_id", "=", platformId)
    .where("lti_user_link.sub", "=", sub)
    .executeTakeFirst();
}

export function insertLtiUser(db: DbOrTrx, v: { firstName: string; lastName: string | null; ageBand: string | null; locale: "fr" | "en" }) {
  return db
    .insertInto("app_user")
    .values({ email: null, password_hash: null, first_name: v.firstName, last_name: v.lastName, role: "learner", age_band: v.ageBand, locale: v.locale })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Two first launches at once: the link's primary key lets one win; the caller reads it back. */
export function insertUserLink(db: DbOrTrx, v: { platformId: string; sub: string; userId: string }) {
  return db
    .insertInto("lti_user_link")
    .values({ platform_id: v.platformId, sub: v.sub, user_id: v.userId })
    .onConflict((oc) => oc.columns(["platform_id", "sub"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
}

export interface NewLaunch {
  tokenHash: string;
  platformId: string;
  userId: string;
  sub: string;
  deploymentId: string;
  messageType: LtiMessageType;
  target: { kind: LtiTargetKind; id: string } | null;
  resourceLinkId: string | null;
  agsLineitem: string | null;
  deepLinkReturnUrl: string | null;
  deepLinkData: string | null;
  expiresAt: Date;
}

export function insertLaunch(db: DbOrTrx, v: NewLaunch) {
  return db
    .insertInto("lti_launch")
    .values({
      token_hash: v.tokenHash,
      platform_id: v.platformId,
      user_id: v.userId,
      sub: v.sub,
      deployment_id: v.deploymentId,
      message_type: v.messageType,
      target_kind: v.target?.kind ?? null,
      target_id: v.target?.id ?? null,
      resource_link_id: v.resourceLinkId,
      ags_lineitem: v.agsLineitem,
      deep_link_return_url: v.deepLinkReturnUrl,
      deep_link_data: v.deepLinkData,
      expires_at: v.expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export function findLaunchByToken(db: DbOrTrx, launchId: string, tokenHash: string) {
  return db
    .selectFrom("lti_launch")
    .innerJoin("lti_platform", "lti_platform.id", "lti_launch.platform_id")
    .innerJoin("app_user", "app_user.id", "lti_launch.user_id")
    .selectAll("lti_launch")
    .select(["lti_platform.issuer", "lti_platform.client_id", "lti_platform.disabled_at as platform_disabled_at", "lti_platform.auth_url"])
    .select(["app_user.role", "app_user.disabled_at as user_disabled_at"])
    .where("lti_launch.id", "=", launchId)
    .where("lti_launch.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Launches whose platform wants a score back, for the users who made progress since `since`. */
export function listGradedLaunches(db: DbOrTrx, since: Date) {
  return db
    .selectFrom("lti_launch")
    .innerJoin("lti_platform", "lti_platform.id", "lti_launch.platform_id")
    .select(["lti_launch.id", "lti_launch.platform_id", "lti_launch.user_id", "lti_launch.sub", "lti_launch.target_kind", "lti_launch.target_id", "lti_launch.ags_lineitem"])
    .where("lti_launch.ags_lineitem", "is not", null)
    .where("lti_launch.target_kind", "is not", null)
    .where("lti_launch.created_at", ">", since)
    .where("lti_platform.disabled_at", "is", null)
    .execute();
}

export type GradedLaunch = Awaited<ReturnType<typeof listGradedLaunches>>[number];

// Score outbox

export function enqueueScore(db: DbOrTrx, v: { platformId: string; userId: string; lineitemUrl: string; dedupeKey: string; payload: Record<string, unknown> }) {
  return db
    .insertInto("lti_score_outbox")
    .values({ platform_id: v.platformId, user_id: v.userId, lineitem_url: v.lineitemUrl, dedupe_key: v.dedupeKey, payload: v.payload })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
}

/**
 * Claims due rows by pushing their next attempt past a lease: another worker
 * does not take them meanwhile, and a crash mid-send only delays them.
 */
export function claimDueScores(db: DbOrTrx, now: Date, leaseUntil: Date, limit: number) {
  return db
    .updateTable("lti_score_outbox")
    .set({ next_attempt_at: leaseUntil })
    .where(
      "id",
      "in",
      db
        .selectFrom("lti_score_outbox")
        .select("id")
        .where("sent_at", "is", null)
        .where("next_attempt_at", "<=", now)
        .orderBy("next_attempt_at")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export function findPlatformsByIds(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("lti_platform").selectAll().where("id", "in", ids).execute();
}

export function markScoreSent(db: DbOrTrx, id: string, at: Date) {
  return db.updateTable("lti_score_outbox").set({ sent_at: at, last_error: null }).where("id", "=", id).execute();
}

export function markScoreFailed(db: DbOrTrx, id: string, v: { attempts: number; nextAttemptAt: Date; error: string }) {
  return db
    .updateTable("lti_score_outbox")
    .set({ attempts: v.attempts, next_attempt_at: v.nextAttemptAt, last_error: v.error.slice(0, 500) })
    .where("id", "=", id)
    .execute();
}



export function findUser(db: DbOrTrx, id: string) {
  return db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
}

export function linksOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("lti_user_link")
    .innerJoin("lti_platform", "lti_platform.id", "lti_user_link.platform_id")
    .select(["lti_platform.name as platform", "lti_platform.issuer", "lti_user_link.sub", "lti_user_link.created_at"])
    .where("lti_user_link.user_id", "=", userId)
    .execute();
}

export function scoresOfUser(db: DbOrTrx, userId: string) {
  return db.selectFrom("lti_score_outbox").select(["lineitem_url", "payload", "created_at", "sent_at"]).where("user_id", "=", userId).execute();
}
