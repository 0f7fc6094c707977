import { href } from "react-router";
import { notify } from "../notifications/service.server";
import { randomBytes, randomUUID } from "node:crypto";
import type { User } from "../../../db/schema/accounts";
import type { Achievement } from "../../../db/schema/paths";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { availableCourses, loadPublishedPaths } from "../paths/definitions.server";
import { computePathProgress } from "../paths/progress";
import { loadLearnerRecord } from "../paths/record.server";
import { buildCredential, jwtClaims, keyIdUrl, type CredentialInput, type OpenBadgeCredential } from "./credential.server";
import { collectEvidence } from "./evidence.server";
import { signJwt, verifyJwt, type VerifyFailure } from "./jwt.server";
import { activeIssuerKey, keyResolver } from "./keys.server";
import * as q from "./queries.server";
import { drawStatusIndex } from "./status-list.server";

export const badgeNotFound = () => appError(404, "badge_not_found", "badges:errors.not_found");
/** An unknown key or revocation list address under /badges/emetteur. */
export const issuerDocumentNotFound = () => appError(404, "issuer_document_not_found", "badges:errors.issuer_document_not_found");

/**
 * Age bands (national `tranche_age` codes) that may describe someone under
 * 15: their name is never shown publicly. "12–18" is treated as a minor too,
 * since it cannot tell a 14-year-old from a 16-year-old.
 */
export const POSSIBLY_UNDER_15 = ["moins_de_douze", "douze_dix_huit"];
export const mayBeUnder15 = (ageBand: string | null) => ageBand !== null && POSSIBLY_UNDER_15.includes(ageBand);

function achievementUrl(baseUrl: string, achievement: Achievement & { path_slug?: string | null }) {
  return achievement.kind === "path" ? `${baseUrl}/parcours/${achievement.path_slug}` : `${baseUrl}/cours/${achievement.course_slug}`;
}

/**
 * Issues the Open Badges 3.0 credential of `achievement` to a learner, signed
 * as a VC-JWT (OB 3.0 §8.2) with the issuer's Ed25519 key, with its own bit
 * in the published revocation list. One badge per learner and achievement: a
 * second call (or a concurrent one) issues nothing.
 */
export async function issueBadge(
  db: DbOrTrx,
  {
    achievement,
    userId,
    baseUrl,
    now = new Date(),
    drawStatus = drawStatusIndex,
    evidence,
  }: {
    achievement: Achievement & { path_slug?: string | null };
    userId: string;
    baseUrl: string;
    now?: Date;
    drawStatus?: typeof drawStatusIndex;
    evidence?: Pick<CredentialInput, "evidence" | "activity">;
  },
) {
  const user = await q.findUserForBadge(db, userId);
  if (!user) return null;
  const key = await activeIssuerKey(db);
  // The status bit is drawn at random: if another badge has it, draw again (a new credential, since the bit is signed in it).
  for (let attempt = 0; attempt < 8; attempt++) {
    const id = randomUUID();
    const status = drawStatus();
    const credential = buildCredential({
      baseUrl,
      badgeId: id,
      issuedAt: now,
      achievement: { id: achievementUrl(baseUrl, achievement), name: achievement.name, description: achievement.description, criteria: achievement.criteria },
      recipient: { email: user.email, accountUrl: `${baseUrl}/compte/${user.id}` },
      salt: randomBytes(16).toString("base64url"),
      subjectId: `urn:uuid:${randomUUID()}`,
      status,
      ...evidence,
    });
    const jwt = signJwt({ ...credential, ...jwtClaims(credential) }, { alg: "EdDSA", typ: "JWT", kid: keyIdUrl(baseUrl, key.id) }, key.privateKeyPkcs8);
    const inserted = await q.insertBadge(db, { id, achievementId: achievement.id, userId, keyId: key.id, credential, jwt, issuedAt: now, status });
    if (inserted) {
      await notify(db, { userId, kind: "badge_earned", messageKey: "notifications:kinds.badge_earned", values: { name: achievement.name }, target: { route: "badge", params: { id: inserted } }, dedupeKey: `badge-earned:${inserted}` });
      return inserted;
    }
    if (await q.hasBadge(db, achievement.id, userId)) return null;
  }
  throw new Error("no free bit found in the badge status list after 8 draws");
}

/**
 * Issues every badge the learner record now earns and that was not issued
 * yet: completed paths (every required step done) and completed courses that
 * carry a badge. Idempotent; called by the actions that make progress (a
 * lesson completed, an H5P result, a check-in) and by a periodic job, so a
 * completion anywhere is noticed — never by a page being looked at (a GET
 * loader writes nothing, issue 18).
 */
export async function awardEarnedBadges(db: DbOrTrx, userId: string, baseUrl: string) {
  const [paths, pathAchievements, owned, record] = await Promise.all([
    loadPublishedPaths(db),
    q.listPathAchievements(db),
    q.listAchievementIdsOfUser(db, userId),
    loadLearnerRecord(db, userId),
  ]);
  const available = await availableCourses(db, paths);
  const issued: string[] = [];
  for (const path of paths) {
    const achievement = pathAchievements.find((a) => a.path_id === path.id);
    if (!achievement || owned.has(achievement.id)) continue;
    const progress = computePathProgress(path.definition, record, { availableCourses: available });
    if (!progress.complete) continue;
    const found = await collectEvidence(db, userId, achievement, { path: path.definition, completedCourses: record.completedCourses });
    if (found.missing) continue;
    const id = await issueBadge(db, { achievement: { ...achievement, path_slug: path.slug }, userId, baseUrl, evidence: evidenceInput(found) });
    if (id) issued.push(id);
  }
  for (const achievement of await q.listCourseAchievements(db, [...record.completedCourses.keys()])) {
    if (owned.has(achievement.id)) continue;
    const found = await collectEvidence(db, userId, achievement, { completedCourses: record.completedCourses });
    if (found.missing) continue;
    const id = await issueBadge(db, { achievement, userId, baseUrl, evidence: evidenceInput(found) });
    if (id) issued.push(id);
  }
  return issued;
}

const evidenceInput = (found: Awaited<ReturnType<typeof collectEvidence>>) => ({
  evidence: found.evidence,
  activity: { start: found.activityStartDate, end: found.activityEndDate },
});

export type BadgeStatus = "valid" | "revoked" | "invalid";

/** Checks a stored badge: signature by one of our keys, the credential is this badge's, not revoked. */
async function checkBadge(db: DbOrTrx, row: { id: string; credential_jwt: string; revoked_at: Date | null }) {
  const result = verifyJwt(row.credential_jwt, await keyResolver(db));
  const own = result.ok && typeof result.payload.id === "string" && result.payload.id.endsWith(href("/badges/:id", { id: row.id }));
  const status: BadgeStatus = !own ? "invalid" : row.revoked_at ? "revoked" : "valid";
  return { status, payload: own ? (result.payload as unknown as OpenBadgeCredential) : null, reason: result.ok ? null : result.reason };
}

/** The public verify page: anyone may look; the name shows only if the learner allowed it (never for a minor). */
export async function getBadgeVerification(db: Db, viewer: User | null, badgeId: string) {
  const row = isUuid(badgeId) ? await q.findBadge(db, badgeId) : undefined;
  if (!row) throw badgeNotFound();
  const { status, payload, reason } = await checkBadge(db, row);
  const minor = mayBeUnder15(row.age_band);
  const achievement = payload?.credentialSubject.achievement;
  return {
    id: row.id,
    status,
    reason,
    issuer: payload?.issuer.name ?? null,
    issuerUrl: payload?.issuer.url ?? null,
    achievement: achievement ? { name: achievement.name, description: achievement.description, criteria: achievement.criteria.narrative } : null,
    evidence: (payload?.evidence ?? []).map((e) => ({ name: e.name, description: e.description, genre: e.genre })),
    activityStart: payload?.credentialSubject.activityStartDate ?? null,
    activityEnd: payload?.credentialSubject.activityEndDate ?? null,
    validFrom: payload?.validFrom ?? null,
    recipientName: row.show_name && !minor ? [row.first_name, row.last_name].filter(Boolean).join(" ") : null,
    revokedAt: row.revoked_at,
    revocationReason: viewer && can(viewer, "revoke:badge:any") ? row.revocation_reason : null,
    isOwner: viewer?.id === row.user_id,
    /** The owner (never a minor) chooses the family name printed on the certificate. */
    certificateName:
      viewer?.id === row.user_id && !minor ? { firstName: row.first_name, familyName: row.certificate_family_name ?? row.last_name ?? "" } : null,
    canRevoke: !!viewer && can(viewer, "revoke:badge:any") && !row.revoked_at,
  };
}

const VERIFY_REASONS: Record<VerifyFailure | "not_ours" | "unknown_badge", string> = {
  malformed: "badges:verify.reason_malformed",
  unsupported_algorithm: "badges:verify.reason_algorithm",
  unknown_key: "badges:verify.reason_unknown_key",
  bad_signature: "badges:verify.reason_signature",
  not_ours: "badges:verify.reason_not_ours",
  unknown_badge: "badges:verify.reason_unknown_badge",
};

/** Verifies a pasted VC-JWT: signature by our key, and the badge it names (revoked or not). */
export async function verifyPastedCredential(db: Db, jwt: string) {
  const result = verifyJwt(jwt, await keyResolver(db));
  if (!result.ok) return { status: "invalid" as const, reasonKey: VERIFY_REASONS[result.reason], badgeId: null, achievement: null };
  const credential = result.payload as unknown as OpenBadgeCredential;
  const badgeId = typeof credential.id === "string" ? credential.id.slice(credential.id.lastIndexOf("/") + 1) : "";
  const row = isUuid(badgeId) ? await q.findBadge(db, badgeId) : undefined;
  if (!row) return { status: "invalid" as const, reasonKey: VERIFY_REASONS.unknown_badge, badgeId: null, achievement: null };
  if (row.credential_jwt !== jwt.trim()) return { status: "invalid" as const, reasonKey: VERIFY_REASONS.not_ours, badgeId: null, achievement: null };
  return {
    status: row.revoked_at ? ("revoked" as const) : ("valid" as const),
    reasonKey: null,
    badgeId: row.id,
    achievement: credential.credentialSubject?.achievement?.name ?? row.achievement_name,
  };
}

/** The owner's badges ("my badges"): read only — badges are issued where progress is made (see awardEarnedBadges). */
export async function listMyBadges(db: Db, user: User) {
  const rows = await q.listBadgesOfUser(db, user.id);
  const minor = mayBeUnder15(user.age_band);
  return {
    minor,
    badges: rows.map((r) => ({
      id: r.id,
      name: r.achievement_name,
      issuedAt: r.issued_at,
      revoked: !!r.revoked_at,
      showName: r.show_name && !minor,
      pathSlug: r.path_slug,
    })),
  };
}

export async function setBadgeNameVisibility(db: Db, user: User, badgeId: string, show: boolean) {
  if (show && mayBeUnder15(user.age_band)) throw appError(403, "minor_never_public", "badges:errors.minor_never_public");
  if (!isUuid(badgeId) || !(await q.setShowName(db, badgeId, user.id, show))) throw badgeNotFound();
}

/** The family name to print on the certificate, given by its owner when claiming it; never asked of a minor. */
export async function setCertificateFamilyName(db: Db, user: User, badgeId: string, familyName: string | undefined) {
  if (mayBeUnder15(user.age_band)) throw appError(403, "minor_never_asked", "badges:errors.minor_family_name");
  if (!isUuid(badgeId) || !(await q.setCertificateFamilyName(db, badgeId, user.id, familyName || null))) throw badgeNotFound();
}

export async function revokeBadge(db: Db, actor: User, badgeId: string, reason: string) {
  if (!can(actor, "revoke:badge:any")) throw forbidden();
  if (!isUuid(badgeId)) throw badgeNotFound();
  if (!(await q.revokeBadge(db, badgeId, actor.id, reason, new Date()))) {
    if (!(await q.findBadge(db, badgeId))) throw badgeNotFound();
    throw appError(409, "already_revoked", "badges:errors.already_revoked");
  }
}

/** A badge for its owner's downloads (credential, certificate); coordinators too. */
export async function getOwnedBadge(db: Db, viewer: User, badgeId: string) {
  const row = isUuid(badgeId) ? await q.findBadge(db, badgeId) : undefined;
  if (!row || (row.user_id !== viewer.id && !can(viewer, "read:badge:any"))) throw badgeNotFound();
  return row;
}

const ISSUED_PAGE_SIZE = 50;

/** Coordinators: the badges issued, newest first. */
export async function listIssuedBadges(db: Db, actor: User, page: number) {
  if (!can(actor, "revoke:badge:any")) throw forbidden();
  const rows = await q.listRecentBadges(db, ISSUED_PAGE_SIZE, (page - 1) * ISSUED_PAGE_SIZE);
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { rows, page, pageCount: Math.max(1, Math.ceil(total / ISSUED_PAGE_SIZE)) };
}

/** The path page's badge line: the learner's badge for this path, if any. */
export function findPathBadge(db: DbOrTrx, userId: string, pathId: string) {
  return q.findPathBadge(db, userId, pathId);
}

/**
 * Periodic job: issues the badges earned since the last runs, for learners
 * who did not come back to look (a window of two days covers missed runs;
 * awarding is idempotent). Needs APP_URL: credentials carry public URLs.
 */
export async function awardRecentlyEarnedBadges(db: Db, baseUrl: string | undefined, now = new Date()) {
  if (!baseUrl) return 0;
  const since = new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000);
  let issued = 0;
  for (const userId of await q.listUsersWithRecentProgress(db, since)) {
    issued += (await awardEarnedBadges(db, userId, baseUrl.replace(/\/+$/, ""))).length;
  }
  return issued;
}
