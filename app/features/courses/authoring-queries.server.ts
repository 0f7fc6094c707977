import { sql } from "kysely";
import type { CourseStatus, CourseUpdate, NewCourse, RichDoc } from "../../../db/schema/courses";
import type { DbOrTrx } from "../../lib/db.server";
import { lessonPlainText } from "./rich-text/plain-text";

// Authoring-side queries. Structure changes (modules, lessons, positions)
// run inside a transaction that first locks the course row, so two editors
// cannot hand out the same position. A module or lesson in the trash keeps
// its position (so it can come back where it was): queries that hand out
// positions count it, queries that show or move things skip it.

export function listAuthoringCourses(db: DbOrTrx, { userId, all, limit, offset }: { userId: string; all: boolean; limit: number; offset: number }) {
  let query = db
    .selectFrom("course")
    .select((eb) => [
      "course.id",
      "course.slug",
      "course.title",
      "course.status",
      "course.updated_at",
      eb
        .selectFrom("lesson")
        .whereRef("lesson.course_id", "=", "course.id")
        .where("lesson.deleted_at", "is", null)
        .select((e) => e.fn.countAll<string>().as("n"))
        .as("lesson_count"),
      eb.fn.countAll<string>().over().as("total"),
    ])
    .orderBy("course.updated_at", "desc")
    .orderBy("course.id")
    .limit(limit)
    .offset(offset);
  if (!all) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("course_author").whereRef("course_author.course_id", "=", "course.id").where("course_author.user_id", "=", userId)),
    );
  }
  return query.execute();
}

export function findCourseForEditing(db: DbOrTrx, courseId: string, userId: string) {
  return db
    .selectFrom("course")
    .selectAll("course")
    .select((eb) =>
      eb
        .exists(eb.selectFrom("course_author").whereRef("course_author.course_id", "=", "course.id").where("course_author.user_id", "=", userId))
        .as("is_author"),
    )
    .where("course.id", "=", courseId)
    .executeTakeFirst();
}

export async function lockCourse(trx: DbOrTrx, courseId: string) {
  await trx.selectFrom("course").select("id").where("id", "=", courseId).forUpdate().executeTakeFirst();
}

export function slugsLike(db: DbOrTrx, base: string) {
  return db
    .selectFrom("course")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
}

export function insertCourse(trx: DbOrTrx, values: NewCourse) {
  return trx.insertInto("course").values(values).returning(["id", "slug"]).executeTakeFirstOrThrow();
}

export async function addCourseAuthor(trx: DbOrTrx, courseId: string, userId: string) {
  await trx
    .insertInto("course_author")
    .values({ course_id: courseId, user_id: userId })
    .onConflict((oc) => oc.columns(["course_id", "user_id"]).doNothing())
    .execute();
}

export async function updateCourse(trx: DbOrTrx, courseId: string, values: CourseUpdate) {
  await trx
    .updateTable("course")
    .set({ ...values, updated_at: sql`now()` })
    .where("id", "=", courseId)
    .execute();
}

export async function setCourseStatus(trx: DbOrTrx, courseId: string, status: CourseStatus) {
  await trx
    .updateTable("course")
    .set({
      status,
      published_at: status === "published" ? sql`coalesce(published_at, now())` : null,
      updated_at: sql`now()`,
    })
    .where("id", "=", courseId)
    .execute();
}

/**
 * Objectives, module and lesson titles feed the course's full-text column,
 * and every hyphenated word once more without its hyphen: the French parser
 * splits "e-mail" into "e-mail", "e" and "mail", so "email" would find nothing.
 */
export async function refreshSearchExtra(trx: DbOrTrx, courseId: string) {
  await sql`
    update course set search_extra = concat_ws(' ', x.extra, replace(concat_ws(' ', course.title, course.summary, x.extra), '-', ''))
    from (
      select concat_ws(' ',
        array_to_string(c.objectives, ' '),
        (select string_agg(title, ' ' order by position) from course_module where course_id = c.id and deleted_at is null),
        (select string_agg(title, ' ' order by position) from lesson where course_id = c.id and deleted_at is null)) as extra
      from course c where c.id = ${courseId}
    ) x
    where course.id = ${courseId}
  `.execute(trx);
}

export async function nextModulePosition(trx: DbOrTrx, courseId: string) {
  const row = await trx
    .selectFrom("course_module")
    .select((eb) => eb.fn.coalesce(eb.fn.max("position"), sql<number>`-1`).as("max"))
    .where("course_id", "=", courseId)
    .executeTakeFirstOrThrow();
  return Number(row.max) + 1;
}

export function insertModule(trx: DbOrTrx, v: { courseId: string; title: string; position: number; sourceKey?: string | null }) {
  return trx
    .insertInto("course_module")
    .values({ course_id: v.courseId, title: v.title, position: v.position, source_key: v.sourceKey ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A module in use (not in the trash). */
export function findModule(trx: DbOrTrx, courseId: string, moduleId: string) {
  return trx
    .selectFrom("course_module")
    .selectAll()
    .where("id", "=", moduleId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function renameModule(trx: DbOrTrx, courseId: string, moduleId: string, title: string) {
  const result = await trx
    .updateTable("course_module")
    .set({ title })
    .where("id", "=", moduleId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The module in use just before or after `position` in the course. */
export function neighbourModule(trx: DbOrTrx, courseId: string, position: number, direction: "up" | "down") {
  return trx
    .selectFrom("course_module")
    .select(["id", "position"])
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .where("position", direction === "up" ? "<" : ">", position)
    .orderBy("position", direction === "up" ? "desc" : "asc")
    .limit(1)
    .executeTakeFirst();
}

export async function setModulePosition(trx: DbOrTrx, moduleId: string, position: number) {
  await trx.updateTable("course_module").set({ position }).where("id", "=", moduleId).execute();
}

/** Bounds over every lesson of the module, trashed ones included (they keep their place). */
export async function lessonPositionBounds(trx: DbOrTrx, moduleId: string) {
  const row = await trx
    .selectFrom("lesson")
    .select((eb) => [eb.fn.min<number>("position").as("min"), eb.fn.max<number>("position").as("max")])
    .where("module_id", "=", moduleId)
    .executeTakeFirstOrThrow();
  return { min: row.min === null ? null : Number(row.min), max: row.max === null ? null : Number(row.max) };
}

export function insertLesson(
  trx: DbOrTrx,
  v: { courseId: string; moduleId: string; title: string; position: number; minutes?: number; body?: RichDoc; sourceKey?: string | null },
) {
  return trx
    .insertInto("lesson")
    .values({
      course_id: v.courseId,
      module_id: v.moduleId,
      title: v.title,
      position: v.position,
      estimated_minutes: v.minutes,
      body: v.body,
      source_key: v.sourceKey ?? null,
      search_text: v.body ? lessonPlainText(v.body) : "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A lesson in use (not in the trash). */
export function findLesson(db: DbOrTrx, courseId: string, lessonId: string) {
  return db
    .selectFrom("lesson")
    .selectAll()
    .where("id", "=", lessonId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function updateLesson(
  trx: DbOrTrx,
  lessonId: string,
  v: { title: string; estimatedMinutes: number; required: boolean; body: RichDoc },
) {
  await trx
    .updateTable("lesson")
    .set({
      title: v.title,
      estimated_minutes: v.estimatedMinutes,
      required: v.required,
      body: v.body,
      search_text: lessonPlainText(v.body),
      updated_at: sql`now()`,
    })
    .where("id", "=", lessonId)
    .execute();
}

export function neighbourLesson(trx: DbOrTrx, moduleId: string, position: number, direction: "up" | "down") {
  return trx
    .selectFrom("lesson")
    .select(["id", "position"])
    .where("module_id", "=", moduleId)
    .where("deleted_at", "is", null)
    .where("position", direction === "up" ? "<" : ">", position)
    .orderBy("position", direction === "up" ? "desc" : "asc")
    .limit(1)
    .executeTakeFirst();
}

/** Every lesson of the module in order, trashed ones included: renumbering keeps their place among the others. */
export async function lessonIdsOfModule(trx: DbOrTrx, moduleId: string) {
  const rows = await trx.selectFrom("lesson").select("id").where("module_id", "=", moduleId).orderBy("position").execute();
  return rows.map((r) => r.id);
}

export async function placeLesson(trx: DbOrTrx, lessonId: string, moduleId: string, position: number) {
  await trx.updateTable("lesson").set({ module_id: moduleId, position }).where("id", "=", lessonId).execute();
}

export async function countLessons(db: DbOrTrx, courseId: string) {
  const row = await db
    .selectFrom("lesson")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
