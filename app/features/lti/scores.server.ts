import { randomUUID } from "node:crypto";
import type { Db, DbOrTrx } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { logger } from "../../lib/logger.server";
import { progressForLink } from "../courses/links.server";
import { bestResults } from "../h5p/progress.server";
import { AGS_SCOPE, CLIENT_ASSERTION_TYPE, SCORE_MEDIA_TYPE, scoresUrl } from "./claims";
import { signAsTool } from "./keys.server";
import * as q from "./queries.server";

/** Line items Passerelle creates through Deep Linking are out of 100. */
export const SCORE_MAXIMUM = 100;
/** Launches older than this are no longer watched for new completions. */
const WATCH_LAUNCHES_MS = 30 * 24 * 60 * 60 * 1000;
const LEASE_MS = 2 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 10_000;

type Watched = Pick<q.GradedLaunch, "platform_id" | "user_id" | "sub" | "target_kind" | "target_id" | "ags_lineitem">;

/**
 * Puts the launched user's result in the outbox when there is one to send:
 * the lesson or course completed, or the H5P activity finished (its best
 * score). The dedupe key names the line item, the user and the score, so the
 * same result is queued once however often this runs; a better score later
 * is a new row. The timestamp is the completion's, so a re-send is the very
 * same score (AGS 2.0 §3.4.1).
 */
export async function enqueueScoreFor(db: DbOrTrx, launch: Watched, now = new Date()) {
  if (!launch.ags_lineitem || !launch.target_kind || !launch.target_id) return null;
  let completedAt: Date | null;
  let score: number | null;
  if (launch.target_kind === "h5p") {
    const best = await bestResults(db, launch.user_id, [launch.target_id]);
    if (!best.has(launch.target_id)) return null;
    completedAt = null;
    score = best.get(launch.target_id) ?? null;
  } else {
    ({ completedAt, score } = await progressForLink(db, launch.user_id, { kind: launch.target_kind, id: launch.target_id }));
    if (!completedAt) return null;
  }
  // Completing a lesson without a quiz is full marks: the gradebook shows it done.
  const scoreGiven = Math.round((score ?? 1) * SCORE_MAXIMUM * 100) / 100;
  const dedupeKey = `${launch.platform_id}|${launch.ags_lineitem}|${launch.sub}|${scoreGiven}`;
  return q.enqueueScore(db, {
    platformId: launch.platform_id,
    userId: launch.user_id,
    lineitemUrl: launch.ags_lineitem,
    dedupeKey,
    payload: {
      userId: launch.sub,
      scoreGiven,
      scoreMaximum: SCORE_MAXIMUM,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: (completedAt ?? now).toISOString(),
    },
  });
}

/** Notices completions made anywhere (lesson pages, H5P results through xAPI) for the launches that carry a line item. */
export async function syncScores(db: Db, now = new Date()) {
  let queued = 0;
  for (const launch of await q.listGradedLaunches(db, new Date(now.getTime() - WATCH_LAUNCHES_MS))) {
    if (await enqueueScoreFor(db, launch, now)) queued++;
  }
  return queued;
}

/** 30 s, 1 min, 2 min… up to 6 h between attempts; a score is never dropped. */
export function backoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

/** An AGS access token (client-credentials grant, JWT client assertion signed by our key: LTI Security 1.0 §4.1). */
async function accessToken(db: DbOrTrx, platform: { client_id: string; token_url: string }) {
  const assertion = await signAsTool(db, { iss: platform.client_id, sub: platform.client_id, aud: platform.token_url, jti: randomUUID() });
  const response = await fetch(platform.token_url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, scope: AGS_SCOPE.score }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== "string") throw new Error("token endpoint gave no access_token");
  return body.access_token;
}

/**
 * Sends the due scores. A row is marked sent only after the platform
 * answered 2xx; any other answer, a timeout or a crash leaves it to the next
 * run after a back-off, so each score reaches the gradebook once it can.
 */
export async function drainScores(db: Db, now = new Date()) {
  const rows = await q.claimDueScores(db, now, new Date(now.getTime() + LEASE_MS), 50);
  const platforms = new Map((await q.findPlatformsByIds(db, [...new Set(rows.map((r) => r.platform_id))])).map((p) => [p.id, p]));
  const tokens = new Map<string, Promise<string>>();
  let sent = 0;
  for (const row of rows) {
    const platform = platforms.get(row.platform_id)!;
    try {
      if (!tokens.has(platform.id)) tokens.set(platform.id, accessToken(db, platform));
      const token = await tokens.get(platform.id)!;
      const response = await fetch(scoresUrl(row.lineitem_url), {
        method: "POST",
        headers: { "Content-Type": SCORE_MEDIA_TYPE, Authorization: `Bearer ${token}` },
        body: JSON.stringify(row.payload),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`score service answered ${response.status}`);
      await q.markScoreSent(db, row.id, new Date());
      sent++;
    } catch (error) {
      tokens.delete(platform.id);
      const attempts = row.attempts + 1;
      await q.markScoreFailed(db, row.id, { attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), error: (error as Error).message });
      logger.warn({ scoreId: row.id, attempts, err: error }, "LTI score not delivered, will retry");
    }
  }
  return { claimed: rows.length, sent };
}

export const ltiScoresJob: PeriodicJob = {
  name: "lti-scores",
  everyMs: 60_000,
  async run(db, now) {
    await q.pruneExpired(db, now);
    await syncScores(db, now);
    return drainScores(db, now);
  },
};
