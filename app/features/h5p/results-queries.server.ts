import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/**
 * Results of H5P activities, read from the LRS: only statements the app
 * relayed for its learners (h5p_statement_link), not voided, and only the
 * activity's own (top-level) statements — sub-questions carry a `parent`
 * context activity, as H5P does.
 */
const verb = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;
const COMPLETION_VERBS = [verb("completed"), verb("passed"), verb("failed"), verb("answered")];

const rawScaled = sql<number | null>`coalesce(
  (s.statement->'result'->'score'->>'scaled')::float,
  (s.statement->'result'->'score'->>'raw')::float / nullif((s.statement->'result'->'score'->>'max')::float, 0)
)`;
/**
 * Scaled score of a stored statement, from `scaled` or else raw/max, clamped
 * to 0..1; null when unscored (greatest/least skip nulls, so an unscored
 * completion would otherwise read as 1).
 */
const scaledScore = sql<number | null>`(case when ${rawScaled} is null then null else greatest(0, least(1, ${rawScaled})) end)`;
const topLevel = sql<boolean>`not coalesce(s.statement->'context'->'contextActivities' ? 'parent', false)`;
/** `answered` counts as finishing only with a score (H5P's own rule for standalone questions). */
const finishing = sql<boolean>`(s.verb_id <> ${verb("answered")} or s.statement->'result'->'score' is not null)`;
/**
 * An attempt is one `completed` statement, or one scored `answered` for
 * content types that send only that.
 */
const isAttempt = (name: string) => sql<number>`count(*) filter (where s.verb_id = ${verb(name)} and s.statement->'result'->'score' is not null)`;

/** Best score (null when unscored) per content the user finished. */
export function listBestResults(db: DbOrTrx, userId: string, contentIds: string[]) {
  return db
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
}

/** The lesson's best score as the courses domain stored it. */
export async function findLessonBestScore(db: DbOrTrx, userId: string, lessonId: string) {
  const row = await db
    .selectFrom("lesson_progress")
    .select("best_score")
    .where("user_id", "=", userId)
    .where("lesson_id", "=", lessonId)
    .executeTakeFirst();
  return row?.best_score ?? null;
}

/** One row per learner who played the content: attempts, best and last score, success, last time. */
export function listActivityResults(db: DbOrTrx, contentId: string) {
  return db
    .selectFrom("h5p_statement_link as l")
    .innerJoin("xapi_statement as s", "s.id", "l.statement_id")
    .innerJoin("app_user as u", "u.id", "l.user_id")
    .select([
      "u.id as userId",
      "u.first_name as firstName",
      "u.last_name as lastName",
      sql<number>`greatest(${isAttempt("completed")}, ${isAttempt("answered")})`.as("attempts"),
      sql<number | null>`max(${scaledScore})`.as("best"),
      sql<number | null>`(array_agg(${scaledScore} order by s.stored desc, s.seq desc) filter (where ${scaledScore} is not null))[1]`.as("last"),
      sql<boolean | null>`bool_or((s.statement->'result'->>'success')::boolean)`.as("success"),
      sql<Date>`max(s.stored)`.as("lastAt"),
    ])
    .where("l.content_id", "=", contentId)
    .where("s.voided", "=", false)
    .where("s.verb_id", "in", COMPLETION_VERBS)
    .where(topLevel)
    .groupBy(["u.id", "u.first_name", "u.last_name"])
    .orderBy("u.first_name")
    .orderBy("u.last_name")
    .execute();
}

/** A learner's best score per activity, with the lesson and course it was played in (if any). */
export function listResultsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("h5p_statement_link as l")
    .innerJoin("xapi_statement as s", "s.id", "l.statement_id")
    .innerJoin("h5p_content as c", "c.id", "l.content_id")
    .leftJoin("lesson", "lesson.id", "l.lesson_id")
    .leftJoin("course", "course.id", "lesson.course_id")
    .leftJoin("lesson_progress as p", (join) => join.onRef("p.lesson_id", "=", "lesson.id").on("p.user_id", "=", userId))
    .select([
      "c.id as contentId",
      "c.title as activity",
      "lesson.id as lessonId",
      "lesson.title as lessonTitle",
      "course.id as courseId",
      "course.title as courseTitle",
      "course.slug as courseSlug",
      "p.completed_at as lessonCompletedAt",
      "p.best_score as lessonScore",
      sql<number | null>`max(${scaledScore})`.as("best"),
      sql<Date>`max(s.stored)`.as("lastAt"),
    ])
    .where("l.user_id", "=", userId)
    .where("s.voided", "=", false)
    .where("s.verb_id", "in", COMPLETION_VERBS)
    .where(topLevel)
    .groupBy(["c.id", "c.title", "lesson.id", "lesson.title", "course.id", "course.title", "course.slug", "p.completed_at", "p.best_score"])
    .orderBy("course.title")
    .orderBy("lesson.title")
    .orderBy("c.title")
    .execute();
}
