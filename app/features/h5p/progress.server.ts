import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { isAppError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { logger } from "../../lib/logger.server";
import { markLessonCompleted } from "../courses/learning.server";
import { embeddedContentIds } from "./lesson-content";
import * as q from "./queries.server";
import * as lrs from "./results-queries.server";

/**
 * Best score (or null when unscored) per content the user finished, from the
 * LRS (results-queries.server.ts says which statements count).
 */
export async function bestResults(db: DbOrTrx, userId: string, contentIds: string[]) {
  if (contentIds.length === 0) return new Map<string, number | null>();
  const rows = await lrs.listBestResults(db, userId, contentIds);
  return new Map(rows.map((row) => [row.content_id, row.best === null ? null : Number(row.best)]));
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
  return lrs.findLessonBestScore(db, userId, lessonId);
}
