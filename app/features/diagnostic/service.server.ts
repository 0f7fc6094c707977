import type { User } from "../../../db/schema/accounts";
import type { DiagnosticResult } from "../../../db/schema/paths";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can, isLearner } from "../../lib/permissions";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { loadPublishedPath } from "../paths/definitions.server";
import { computePathProgress, EMPTY_RECORD, masteredStepKeys } from "../paths/progress";
import { loadLearnerRecord } from "../paths/record.server";
import { ANONYMOUS_RESULT_DAYS, clearDiagnosticCookie, readDiagnosticToken } from "./cookie.server";
import { DIAGNOSTIC_VERSION, PIX_DOMAINS } from "./questions";
import * as q from "./queries.server";
import { scoreDiagnostic } from "./scoring";
import { allowAnonymousSubmission } from "../../lib/throttle.server";

const resultNotFound = () => appError(404, "diagnostic_not_found", "diagnostic:errors.not_found");

/** May `actor` run the diagnostic for `learner`? Coordinators for anyone; mediators for the accounts they created. */
function mayRunFor(actor: User, learner: { role: string; created_by: string | null }) {
  if (!isLearner(learner)) return false;
  if (can(actor, "run:diagnostic:any")) return true;
  return can(actor, "run:diagnostic:own") && learner.created_by === actor.id;
}

/** What the form needs: for staff who may run it for someone, the people they can choose. */
export async function loadDiagnosticForm(db: Db, actor: User | null) {
  if (!actor || !can(actor, "run:diagnostic:own")) return { learners: null };
  const learners = await q.listLearnersCreatedBy(db, actor.id);
  return { learners: learners.map((l) => ({ id: l.id, name: [l.first_name, l.last_name].filter(Boolean).join(" ") })) };
}

/**
 * Scores and stores a diagnostic. Signed in: it goes to the actor, or to the
 * learner a mediator runs it for (the mediator is recorded as `run_by`).
 * Anonymous: stored with the hash of a fresh token the caller puts in a cookie.
 */
export async function takeDiagnostic(
  db: Db,
  actor: User | null,
  answers: Record<string, string>,
  { learnerId, ip = null }: { learnerId?: string; ip?: string | null } = {},
) {
  if (!actor && !(await allowAnonymousSubmission(db, "diagnostic", ip))) throw appError(429, "throttled", "diagnostic:errors.too_many");
  const score = scoreDiagnostic(answers);
  let userId: string | null = actor?.id ?? null;
  let runBy: string | null = null;
  if (actor && learnerId && learnerId !== actor.id) {
    const learner = isUuid(learnerId) ? await q.findUserBrief(db, learnerId) : undefined;
    if (!learner || learner.disabled_at) throw appError(400, "learner_invalid", "diagnostic:errors.learner_invalid");
    if (!mayRunFor(actor, learner)) throw forbidden();
    userId = learner.id;
    runBy = actor.id;
  }
  const token = userId ? null : generateToken();
  const result = await q.insertResult(db, {
    userId,
    tokenHash: token ? hashToken(token) : null,
    runBy,
    version: DIAGNOSTIC_VERSION,
    answers,
    score,
  });
  return { resultId: result.id, token };
}

function mayView(viewer: User | null, result: DiagnosticResult, anonymousToken: string | null) {
  if (result.user_id === null) return !!anonymousToken && result.token_hash === hashToken(anonymousToken);
  if (!viewer) return false;
  return viewer.id === result.user_id || viewer.id === result.run_by || can(viewer, "read:diagnostic:any");
}

/** The result page: levels per PIX domain, the recommended path with its first step and the steps to skip. */
export async function getDiagnosticResult(db: Db, viewer: User | null, id: string, anonymousToken: string | null) {
  const result = isUuid(id) ? await q.findResult(db, id) : undefined;
  if (!result || !mayView(viewer, result, anonymousToken)) throw resultNotFound();

  const domains = PIX_DOMAINS.flatMap((d) => {
    const level = result.domain_levels[d.id];
    return level ? [{ domain: d.id, score: level.score, level: level.level }] : [];
  });

  const path = result.recommended_path_slug ? await loadPublishedPath(db, result.recommended_path_slug) : null;
  let recommended = null;
  if (path) {
    const record = result.user_id ? await loadLearnerRecord(db, result.user_id) : EMPTY_RECORD;
    const skipped = masteredStepKeys(path.definition, result.competence_scores);
    const progress = computePathProgress(path.definition, record, { skipped });
    const titleOf = (key: string | null) => path.definition.steps.find((s) => s.key === key)?.title ?? null;
    recommended = {
      slug: path.slug,
      title: path.title,
      goal: path.goal,
      startStep: progress.nextStepKey ? { key: progress.nextStepKey, title: titleOf(progress.nextStepKey)! } : null,
      skipped: progress.steps.filter((s) => s.status === "skipped").map((s) => ({ key: s.key, title: titleOf(s.key)! })),
    };
  }
  return {
    id: result.id,
    createdAt: result.created_at,
    anonymous: result.user_id === null,
    learnerName: result.run_by ? result.learner_first_name : null,
    mediatorName: result.run_by ? result.mediator_first_name : null,
    domains,
    // Scoring is deterministic: the stored answers give back why this path was chosen.
    recommendationReason: scoreDiagnostic(result.answers).recommendationReason,
    recommendedSlug: result.recommended_path_slug,
    recommended,
  };
}

/** The result diagnostic/resultat leads to: the viewer's latest, or this device's anonymous one. */
export async function findLatestResultId(db: Db, viewer: User | null, anonymousToken: string | null) {
  if (viewer) return (await q.findLatestResultOfUser(db, viewer.id))?.id ?? null;
  if (anonymousToken) return (await q.findAnonymousResult(db, hashToken(anonymousToken)))?.id ?? null;
  return null;
}

/** The latest result of a learner (used by the path pages to mark skipped steps). */
export async function latestDiagnosticOf(db: DbOrTrx, userId: string) {
  return (await q.findLatestResultOfUser(db, userId)) ?? null;
}

export async function anonymousDiagnostic(db: DbOrTrx, anonymousToken: string | null) {
  return anonymousToken ? ((await q.findAnonymousResult(db, hashToken(anonymousToken))) ?? null) : null;
}

/**
 * Called when someone signs up or signs in (accounts' redirectSignedIn): the
 * result this device holds anonymously becomes theirs, and the cookie goes.
 */
export async function claimAnonymousDiagnostic(request: Request, db: Db, userId: string, headers: Headers) {
  const token = await readDiagnosticToken(request);
  if (!token) return null;
  const claimed = await q.claimResult(db, hashToken(token), userId, new Date());
  headers.append("Set-Cookie", await clearDiagnosticCookie());
  return claimed;
}

/** Periodic job: anonymous results nobody claimed within the cookie's lifetime. */
export function pruneAnonymousDiagnostics(db: DbOrTrx, now = new Date()) {
  return q.deleteAnonymousResultsBefore(db, new Date(now.getTime() - ANONYMOUS_RESULT_DAYS * 24 * 60 * 60 * 1000));
}
