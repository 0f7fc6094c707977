import { sql } from "kysely";
import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { isAppError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { logger } from "../../lib/logger.server";
import { markLessonCompleted } from "../courses/learning.server";
import { embeddedContentIds } from "./lesson-content";
import * as q from "./queries.server";

/**
 * Results of H5P activities, read from the LRS: only statements the app
 * relayed for its learners (h5p_statement_link), not voided, and only the
 * activity's own (top-level) statements — sub-questions carry a `parent`
 * context activity, as H5P does.
 */
const verb = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;
export const COMPLETION_VERBS = [verb("completed"), verb("passed"), verb("failed"), verb("answered")];

const rawScaled = sql<number | null>`coalesce(
  (s.statement->'result'->'score'->>'scaled')::float,
  (s.statement->'result'->'score'->>'raw')::float / nullif((s.statement->'result'->'score'->>'max')::float, 0)
)`;
/**
 * Scaled score of a stored statement, from `scaled` or else raw/max, clamped
 * to 0..1; null when unscored (greatest/least skip nulls, so an unscored
 * completion would otherwise read as 1).
 */
export const scaledScore = sql<number | null>`(case when ${rawScaled} is null then null else greatest(0, least(1, ${rawScaled})) end)`;
const topLevel = sql<boolean>`not coalesce(s.statement->'context'->'contextActivities' ? 'parent', false)`;
/** `answered` counts as finishing only with a score (H5P's own rule for standalone questions). */
const finishing = sql<boolean>`(s.verb_id <> ${verb("answered")} or s.statement->'result'->'score' is not null)`;

/** Best score (or null when unscored) per content the user finished. */
export async function bestResults(db: DbOrTrx, userId: string, contentIds: string[]) {
  if (contentIds.length === 0) return new Map<string, number | null>();
  const rows = await db
    .selectFrom("h5p_statement_link as l")
    .innerJoin("xapi_statement as s", "s.id", "l.statement_id")
    .select(["l.content_id", sql<number | null>`max(${scaledScore})`.as("best")])
    .where("l.user_id", "=", userId)
    .where("l.content_id", "in", contentIds)
    .where("s.voided", "=", false)
    .where("s.verb_id", "in", COMPLETION_VERBS)
    .where(topLevel)
    .where(finishing)
    .groupBy("l.content_id")
    .execute();
  return new Map(rows.map((r) => [r.content_id, r.best === null ? null : Number(r.best)]));
}

/**
 * A lesson is completed when the learner finished every H5P activity it
 * embeds; its score is the mean of their best scores. The courses domain
 * keeps the best score and the first completion (markLessonCompleted is
 * idempotent), so calling this again changes nothing. Says whether a
 * course was completed by this call (a badge may then be due).
 */
export async function updateLessonsFromActivities(db: Db, user: User, lessonIds: string[], openedAt = new Map<string, string>()) {
  let courseCompletedNow = false;
  for (const lessonId of lessonIds) {
    const lesson = await q.findLessonBody(db, lessonId);
    if (!lesson) continue;
    const contentIds = embeddedContentIds(lesson.body);
    const best = await bestResults(db, user.id, contentIds);
    if (contentIds.length === 0 || contentIds.some((id) => !best.has(id))) continue;
    const scores = contentIds.map((id) => best.get(id)).filter((s): s is number => typeof s === "number");
    const score = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
    try {
      if ((await markLessonCompleted(db, user, lessonId, { score, openedAt: openedAt.get(lessonId) ?? null })).courseCompletedNow) courseCompletedNow = true;
    } catch (error) {
      // A draft course (an author trying it) or a lesson gone: the statement stays in the LRS.
      if (isAppError(error)) logger.info({ lessonId, code: error.data.code }, "lesson progress not updated from H5P");
      else throw error;
    }
  }
  return { courseCompletedNow };
}

/** The lesson's best score from its activities (what the courses domain stored), for the lesson page. */
export async function lessonScore(db: DbOrTrx, userId: string | null, lessonId: string) {
  if (!userId || !isUuid(lessonId)) return null;
  const row = await db
    .selectFrom("lesson_progress")
    .select("best_score")
    .where("user_id", "=", userId)
    .where("lesson_id", "=", lessonId)
    .executeTakeFirst();
  return row?.best_score ?? null;
}
