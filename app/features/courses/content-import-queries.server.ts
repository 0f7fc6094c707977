import { sql } from "kysely";
import type { Audience, CourseLevel, RichDoc } from "../../../db/schema/courses";
import type { DbOrTrx } from "../../lib/db.server";

// Writes of the course importer (content-import.server.ts). Imported rows
// are matched by their slug (courses) or their `source_key` (modules and
// lessons), so a second import updates them in place and keeps their ids.

export interface ImportedCourse {
  title: string;
  summary: string;
  objectives: string[];
  audiences: Audience[];
  themes: string[];
  competences: string[];
  level: CourseLevel;
  status: "draft" | "published";
  cover_image_key: string | null;
  cover_alt: string | null;
  content_hash: string;
}

export interface ImportedLesson {
  module_id: string;
  position: number;
  title: string;
  estimated_minutes: number;
  required: boolean;
  body: RichDoc;
  search_text: string;
  deleted_at: null;
  deleted_by: null;
}

/** The hash of the files a course was last imported from, if it exists. */
export async function importedContentHash(db: DbOrTrx, slug: string) {
  const row = await db.selectFrom("course").select(["content_hash"]).where("slug", "=", slug).executeTakeFirst();
  return row?.content_hash;
}

/** Creates or updates the course of that slug; `inserted` tells which. */
export function upsertImportedCourse(trx: DbOrTrx, slug: string, values: ImportedCourse) {
  const published = values.status === "published";
  return trx
    .insertInto("course")
    .values({ ...values, slug, published_at: published ? sql`now()` : null })
    .onConflict((oc) =>
      oc.column("slug").doUpdateSet({
        ...values,
        published_at: published ? sql`coalesce(course.published_at, now())` : null,
        updated_at: sql`now()`,
      }),
    )
    .returning(["id", sql<boolean>`(xmax = 0)`.as("inserted")])
    .executeTakeFirstOrThrow();
}

/** The module of that key, created or updated (and taken out of the trash). */
export async function upsertImportedModule(trx: DbOrTrx, courseId: string, module: { title: string; position: number; sourceKey: string }) {
  const { title, position } = module;
  const row = await trx
    .insertInto("course_module")
    .values({ course_id: courseId, title, position, source_key: module.sourceKey })
    .onConflict((oc) => oc.columns(["course_id", "source_key"]).where("source_key", "is not", null).doUpdateSet({ title, position, deleted_at: null, deleted_by: null }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The lesson of that key, created or updated (and taken out of the trash). */
export async function upsertImportedLesson(trx: DbOrTrx, courseId: string, sourceKey: string, values: ImportedLesson) {
  await trx
    .insertInto("lesson")
    .values({ ...values, course_id: courseId, source_key: sourceKey })
    .onConflict((oc) => oc.columns(["course_id", "source_key"]).where("source_key", "is not", null).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/**
 * Lessons and modules of a course that the folder no longer has go to the
 * trash, placed after the live ones (positions are unique per module and per
 * course, trashed rows included).
 */
export async function trashRemovedContent(trx: DbOrTrx, courseId: string, liveModuleIds: string[], liveLessonKeys: string[]) {
  // Every non-live row is renumbered after the live ones, those already in the
  // trash too (an author's own lesson may hold a position the folder now uses).
  await sql`
    update lesson l set deleted_at = coalesce(l.deleted_at, now()), position = r.next_position
    from (
      select l2.id,
        coalesce((select max(k.position) from lesson k
                  where k.module_id = l2.module_id and k.source_key = any(${sql.val(liveLessonKeys)}::text[])), -1)
          + row_number() over (partition by l2.module_id order by l2.position) as next_position
      from lesson l2
      where l2.course_id = ${courseId} and (l2.source_key is null or l2.source_key <> all(${sql.val(liveLessonKeys)}::text[]))
    ) r
    where l.id = r.id`.execute(trx);
  await sql`
    update course_module m set deleted_at = coalesce(m.deleted_at, now()), position = ${liveModuleIds.length - 1} + r.n
    from (
      select m2.id, row_number() over (order by m2.position) as n
      from course_module m2
      where m2.course_id = ${courseId} and m2.id <> all(${sql.val(liveModuleIds)}::uuid[])
    ) r
    where m.id = r.id`.execute(trx);
}
