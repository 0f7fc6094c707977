import type { TFunction } from "i18next";
import type { User } from "../../../db/schema/accounts";
import { SPREADSHEET_CSV, toCsv } from "../../lib/csv";
import type { DbOrTrx } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import * as lrs from "./results-queries.server";
import { canSeeResults, findPlayableContent } from "./service.server";

/**
 * Results of learners on H5P activities, computed from the LRS at read time
 * (voided statements drop out by themselves); what counts as an attempt is
 * in results-queries.server.ts.
 */
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
  const rows = await lrs.listActivityResults(db, content.id);
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
  const rows = await lrs.listResultsOf(db, user.id);
  const courses = new Map<string, { id: string | null; title: string | null; slug: string | null; items: typeof rows }>();
  for (const row of rows) {
    const key = row.courseId ?? "";
    if (!courses.has(key)) courses.set(key, { id: row.courseId, title: row.courseTitle, slug: row.courseSlug, items: [] });
    courses.get(key)!.items.push({ ...row, best: row.best === null ? null : Number(row.best) });
  }
  // Activities done outside any course come last.
  return [...courses.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : 0));
}
