import { sql } from "kysely";
import type { TFunction } from "i18next";
import type { User } from "../../../db/schema/accounts";
import { SPREADSHEET_CSV, toCsv } from "../../lib/csv";
import type { DbOrTrx } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import { COMPLETION_VERBS, scaledScore } from "./progress.server";
import { canSeeResults, findPlayableContent } from "./service.server";

/**
 * Results of learners on H5P activities, computed from the LRS at read time
 * (voided statements drop out by themselves). An attempt is one `completed`
 * statement, or one scored `answered` for content types that send only that.
 */
const verb = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;
const topLevel = sql<boolean>`not coalesce(s.statement->'context'->'contextActivities' ? 'parent', false)`;
const isAttempt = (name: string) => sql<number>`count(*) filter (where s.verb_id = ${verb(name)} and s.statement->'result'->'score' is not null)`;

export interface ActivityResultRow {
  userId: string;
  firstName: string;
  lastName: string | null;
  attempts: number;
  best: number | null;
  last: number | null;
  success: boolean | null;
  lastAt: Date;
}

export async function activityResults(db: DbOrTrx, actor: User, contentId: string) {
  const content = await findPlayableContent(db, contentId);
  if (!canSeeResults(actor, content)) throw forbidden();
  const rows = await db
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
    .where("l.content_id", "=", content.id)
    .where("s.voided", "=", false)
    .where("s.verb_id", "in", COMPLETION_VERBS)
    .where(topLevel)
    .groupBy(["u.id", "u.first_name", "u.last_name"])
    .orderBy("u.first_name")
    .orderBy("u.last_name")
    .execute();
  return {
    content: { id: content.id, title: content.title },
    rows: rows.map((r) => ({
      ...r,
      attempts: Number(r.attempts),
      best: r.best === null ? null : Number(r.best),
      last: r.last === null ? null : Number(r.last),
    })) as ActivityResultRow[],
  };
}

export function resultsCsv(rows: ActivityResultRow[], t: TFunction) {
  const header = ["first_name", "last_name", "attempts", "best", "last", "success", "last_at"].map((k) => t(`h5p:results.csv.${k}`));
  const score = (value: number | null) => (value === null ? null : Math.round(value * 100));
  const lines = rows.map((r) => [
    r.firstName,
    r.lastName ?? "",
    r.attempts,
    score(r.best),
    score(r.last),
    r.success === null ? "" : t(r.success ? "h5p:results.yes" : "h5p:results.no"),
    r.lastAt,
  ]);
  return toCsv([header, ...lines], SPREADSHEET_CSV);
}

/** A learner's own results, by course and lesson (activities played outside a lesson last). */
export async function myResults(db: DbOrTrx, user: User) {
  const rows = await db
    .selectFrom("h5p_statement_link as l")
    .innerJoin("xapi_statement as s", "s.id", "l.statement_id")
    .innerJoin("h5p_content as c", "c.id", "l.content_id")
    .leftJoin("lesson", "lesson.id", "l.lesson_id")
    .leftJoin("course", "course.id", "lesson.course_id")
    .leftJoin("lesson_progress as p", (join) => join.onRef("p.lesson_id", "=", "lesson.id").on("p.user_id", "=", user.id))
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
    .where("l.user_id", "=", user.id)
    .where("s.voided", "=", false)
    .where("s.verb_id", "in", COMPLETION_VERBS)
    .where(topLevel)
    .groupBy(["c.id", "c.title", "lesson.id", "lesson.title", "course.id", "course.title", "course.slug", "p.completed_at", "p.best_score"])
    .orderBy("course.title")
    .orderBy("lesson.title")
    .orderBy("c.title")
    .execute();
  const courses = new Map<string, { id: string | null; title: string | null; slug: string | null; items: typeof rows }>();
  for (const row of rows) {
    const key = row.courseId ?? "";
    if (!courses.has(key)) courses.set(key, { id: row.courseId, title: row.courseTitle, slug: row.courseSlug, items: [] });
    courses.get(key)!.items.push({ ...row, best: row.best === null ? null : Number(row.best) });
  }
  // Activities done outside any course come last.
  return [...courses.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : 0));
}
