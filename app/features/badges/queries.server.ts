import type { NotNull } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

export function findActiveKey(db: DbOrTrx) {
  return db.selectFrom("issuer_key").selectAll().where("retired_at", "is", null).executeTakeFirst();
}

export function listKeys(db: DbOrTrx) {
  return db.selectFrom("issuer_key").select(["id", "public_jwk", "created_at", "retired_at"]).orderBy("created_at").execute();
}

export function findKey(db: DbOrTrx, id: string) {
  return db.selectFrom("issuer_key").select(["id", "public_jwk", "retired_at"]).where("id", "=", id).executeTakeFirst();
}

/** Inserts the key unless another process just created the active one (one active key, by a unique index). */
export async function insertKeyIfNoneActive(db: DbOrTrx, values: { id: string; publicJwk: object; privateKeyPkcs8: string }) {
  await db
    .insertInto("issuer_key")
    .values({ id: values.id, algorithm: "EdDSA", public_jwk: values.publicJwk as Record<string, string>, private_key_pkcs8: values.privateKeyPkcs8 })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function retireActiveKey(db: DbOrTrx, at: Date) {
  await db.updateTable("issuer_key").set({ retired_at: at }).where("retired_at", "is", null).execute();
}

export function listPathAchievements(db: DbOrTrx) {
  return db.selectFrom("achievement").selectAll().where("kind", "=", "path").execute();
}

export function listCourseAchievements(db: DbOrTrx, courseSlugs: string[]) {
  if (!courseSlugs.length) return Promise.resolve([]);
  return db.selectFrom("achievement").selectAll().where("kind", "=", "course").where("course_slug", "in", courseSlugs).execute();
}

export async function listAchievementIdsOfUser(db: DbOrTrx, userId: string) {
  const rows = await db.selectFrom("badge").select("achievement_id").where("user_id", "=", userId).execute();
  return new Set(rows.map((r) => r.achievement_id));
}

export function findUserForBadge(db: DbOrTrx, userId: string) {
  return db.selectFrom("app_user").select(["id", "email", "first_name", "last_name"]).where("id", "=", userId).executeTakeFirst();
}

/**
 * Stores an issued badge. Inserts nothing (null) when the learner already has
 * this achievement's badge — a concurrent issuance too — or when the status
 * list bit drawn is taken: the caller tells which and draws again.
 */
export async function insertBadge(
  db: DbOrTrx,
  values: {
    id: string;
    achievementId: string;
    userId: string;
    keyId: string;
    credential: object;
    jwt: string;
    issuedAt: Date;
    status: { list: number; index: number };
  },
) {
  const row = await db
    .insertInto("badge")
    .values({
      id: values.id,
      achievement_id: values.achievementId,
      user_id: values.userId,
      key_id: values.keyId,
      credential: values.credential as Record<string, unknown>,
      credential_jwt: values.jwt,
      issued_at: values.issuedAt,
      status_list: values.status.list,
      status_list_index: values.status.index,
    })
    // No conflict target: both unique rules (one badge per achievement and learner, one badge per status bit) apply.
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function hasBadge(db: DbOrTrx, achievementId: string, userId: string) {
  return !!(await db.selectFrom("badge").select("id").where("achievement_id", "=", achievementId).where("user_id", "=", userId).executeTakeFirst());
}

/** The bits of one revocation list: every badge placed in it, revoked or not. */
export function listStatusEntries(db: DbOrTrx, list: number) {
  return db
    .selectFrom("badge")
    .select(["status_list_index", "issued_at", "revoked_at"])
    .where("status_list", "=", list)
    .where("status_list_index", "is not", null)
    .$narrowType<{ status_list_index: NotNull }>()
    .execute();
}

const badgeColumns = [
  "badge.id",
  "badge.user_id",
  "badge.achievement_id",
  "badge.key_id",
  "badge.credential",
  "badge.credential_jwt",
  "badge.issued_at",
  "badge.show_name",
  "badge.revoked_at",
  "badge.revocation_reason",
  "badge.certificate_family_name",
  "achievement.name as achievement_name",
  "achievement.kind as achievement_kind",
  "achievement.course_slug",
  "app_user.first_name",
  "app_user.last_name",
  "app_user.age_band",
] as const;

/** A badge with its achievement, its learner and its path: one query shape for the verify page, downloads and lists. */
function badgeDetails(db: DbOrTrx) {
  return db
    .selectFrom("badge")
    .innerJoin("achievement", "achievement.id", "badge.achievement_id")
    .innerJoin("app_user", "app_user.id", "badge.user_id")
    .leftJoin("learning_path", "learning_path.id", "achievement.path_id")
    .select([...badgeColumns, "learning_path.slug as path_slug"]);
}

export function findBadge(db: DbOrTrx, id: string) {
  return badgeDetails(db).where("badge.id", "=", id).executeTakeFirst();
}

export function listBadgesOfUser(db: DbOrTrx, userId: string) {
  return badgeDetails(db).where("badge.user_id", "=", userId).orderBy("badge.issued_at", "desc").execute();
}

export function listRecentBadges(db: DbOrTrx, limit: number, offset: number) {
  return db
    .selectFrom("badge")
    .innerJoin("achievement", "achievement.id", "badge.achievement_id")
    .innerJoin("app_user", "app_user.id", "badge.user_id")
    .select(["badge.id", "badge.issued_at", "badge.revoked_at", "achievement.name as achievement_name", "app_user.first_name", "app_user.last_name"])
    .select((eb) => eb.fn.countAll<string>().over().as("total"))
    .orderBy("badge.issued_at", "desc")
    .orderBy("badge.id")
    .limit(limit)
    .offset(offset)
    .execute();
}

export function findPathBadge(db: DbOrTrx, userId: string, pathId: string) {
  return db
    .selectFrom("badge")
    .innerJoin("achievement", "achievement.id", "badge.achievement_id")
    .select(["badge.id", "badge.revoked_at", "achievement.name"])
    .where("badge.user_id", "=", userId)
    .where("achievement.path_id", "=", pathId)
    .executeTakeFirst();
}

export async function setShowName(db: DbOrTrx, badgeId: string, userId: string, show: boolean) {
  const result = await db.updateTable("badge").set({ show_name: show }).where("id", "=", badgeId).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCertificateFamilyName(db: DbOrTrx, badgeId: string, userId: string, familyName: string | null) {
  const result = await db
    .updateTable("badge")
    .set({ certificate_family_name: familyName })
    .where("id", "=", badgeId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeBadge(db: DbOrTrx, badgeId: string, actorId: string, reason: string, at: Date) {
  const result = await db
    .updateTable("badge")
    .set({ revoked_at: at, revoked_by: actorId, revocation_reason: reason })
    .where("id", "=", badgeId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Learners whose record moved since `since` (course completed, workshop attended, class left). */
export async function listUsersWithRecentProgress(db: DbOrTrx, since: Date, limit = 5000) {
  const rows = await db
    .selectFrom("enrolment")
    .select("user_id")
    .where("completed_at", ">=", since)
    .union(db.selectFrom("attendance").select("user_id").where("checked_in_at", ">=", since))
    .union(db.selectFrom("classroom_presence").select("user_id").where("left_at", ">=", since))
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}
