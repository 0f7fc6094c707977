import { href } from "react-router";
import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { loadPublishedPath } from "../paths/definitions.server";
import { AXES, BUSINESS_DIAGNOSTIC_VERSION, BUSINESS_PATH_SLUG, COACHING_WORKSHOP_THEME } from "./questionnaire";
import * as q from "./queries.server";
import { ratingOf, scoreBusinessDiagnostic } from "./scoring";
import { allowAnonymousSubmission } from "../../lib/throttle.server";
import { isUuid } from "../../lib/ids";
import { clearBusinessDiagnosticCookie, readBusinessDiagnosticToken } from "./cookie.server";
import type { BusinessDiagnostic } from "../../../db/schema/paths";

const reportNotFound = () => appError(404, "business_report_not_found", "business:errors.not_found");
const TOKEN = /^[a-z2-7]{32}$/;

/**
 * Scores and stores a pre-diagnostic. The report lives at a secret address
 * (the token; only its hash is stored), so an owner without an account can
 * come back to it or forward it to an adviser.
 */
export async function takeBusinessDiagnostic(
  db: Db,
  user: User | null,
  input: { businessName?: string; commune?: string; sector: string; answers: Record<string, string> },
  { ip = null }: { ip?: string | null } = {},
) {
  if (!user && !(await allowAnonymousSubmission(db, "business-diagnostic", ip))) throw appError(429, "throttled", "business:errors.too_many");
  const score = scoreBusinessDiagnostic(input.answers);
  const token = generateToken();
  await q.insertBusinessDiagnostic(db, {
    tokenHash: hashToken(token),
    userId: user?.id ?? null,
    businessName: input.businessName ?? null,
    sector: input.sector,
    commune: input.commune ?? null,
    version: BUSINESS_DIAGNOSTIC_VERSION,
    answers: input.answers,
    axisScores: score.axisScores,
    overall: score.overall,
  });
  return { token };
}

/** The report behind a secret link: scores per axis, advice in priority order, the path and the coaching workshops. */
export async function getBusinessReport(db: Db, token: string) {
  const row = TOKEN.test(token) ? await q.findByTokenHash(db, hashToken(token)) : undefined;
  if (!row) throw reportNotFound();
  return reportOf(db, row);
}

/** A signed-in person's own report (from their record or the business path), by its id. */
export async function getOwnBusinessReport(db: Db, user: User, id: string) {
  const row = isUuid(id) ? await q.findById(db, id) : undefined;
  if (!row || row.user_id !== user.id) throw reportNotFound();
  return reportOf(db, row);
}

/** The person's latest pre-diagnostic, for the learner record and the business path. */
export async function latestBusinessDiagnosticOf(db: Db, userId: string) {
  const row = await q.latestOfUser(db, userId);
  return row ? { id: row.id, takenAt: row.created_at, overall: row.overall_score, businessName: row.business_name } : null;
}

/**
 * Called at sign-up and sign-in (accounts' redirectSignedIn): the
 * pre-diagnostic this device took anonymously becomes the account's.
 */
export async function claimAnonymousBusinessDiagnostic(request: Request, db: Db, userId: string, headers: Headers) {
  const token = await readBusinessDiagnosticToken(request);
  if (!token) return null;
  const claimed = await q.claimByTokenHash(db, hashToken(token), userId);
  headers.append("Set-Cookie", await clearBusinessDiagnosticCookie());
  return claimed;
}

async function reportOf(db: Db, row: BusinessDiagnostic) {
  // Same answers, same score: the advice is recomputed from the stored answers.
  const score = scoreBusinessDiagnostic(row.answers);
  const path = await loadPublishedPath(db, BUSINESS_PATH_SLUG);
  return {
    businessName: row.business_name,
    sector: row.sector,
    commune: row.commune,
    createdAt: row.created_at,
    overall: row.overall_score,
    axes: AXES.map((axis) => ({ axis, score: row.axis_scores[axis] ?? null, rating: ratingOf(row.axis_scores[axis] ?? null) })),
    recommendations: score.recommendations,
    path: path ? { slug: path.slug, title: path.title } : null,
    coachingUrl: `${href("/ateliers")}?theme=${COACHING_WORKSHOP_THEME}`,
  };
}

export type BusinessReport = Awaited<ReturnType<typeof getBusinessReport>>;
