import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

// The course trash. A trashed module or lesson keeps its row, its position
// and the learners' progress; `deleted_at` hides it. A module's lessons go to
// the trash with it, stamped with the module's own `deleted_at` (one
// transaction, one `now()`): that shared time is how restoring the module
// knows which lessons to bring back. `updated_at` moves on the lessons so the
// reports see the months they count change.

export async function trashModule(trx: DbOrTrx, courseId: string, moduleId: string, userId: string) {
  const module = await trx
    .updateTable("course_module")
    .set({ deleted_at: sql`now()`, deleted_by: userId })
    .where("id", "=", moduleId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!module) return false;
  await trx
    .updateTable("lesson")
    .set({ deleted_at: sql`now()`, deleted_by: userId, updated_at: sql`now()` })
    .where("module_id", "=", moduleId)
    .where("deleted_at", "is", null)
    .execute();
  return true;
}

export async function trashLesson(trx: DbOrTrx, courseId: string, lessonId: string, userId: string) {
  const result = await trx
    .updateTable("lesson")
    .set({ deleted_at: sql`now()`, deleted_by: userId, updated_at: sql`now()` })
    .where("id", "=", lessonId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Brings a module back with the lessons that went to the trash with it (not those trashed before, on their own). */
export async function restoreModule(trx: DbOrTrx, courseId: string, moduleId: string) {
  // Compared in SQL: a JS Date would drop the microseconds of `deleted_at`.
  await sql`
    update lesson set deleted_at = null, deleted_by = null, updated_at = now()
    from course_module m
    where m.id = ${moduleId} and m.course_id = ${courseId} and lesson.module_id = m.id and lesson.deleted_at = m.deleted_at`.execute(trx);
  const result = await trx
    .updateTable("course_module")
    .set({ deleted_at: null, deleted_by: null })
    .where("id", "=", moduleId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Brings a lesson back; when its module is in the trash too, the module comes back (without its other lessons). */
export async function restoreLesson(trx: DbOrTrx, courseId: string, lessonId: string) {
  const lesson = await trx
    .updateTable("lesson")
    .set({ deleted_at: null, deleted_by: null, updated_at: sql`now()` })
    .where("id", "=", lessonId)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is not", null)
    .returning("module_id")
    .executeTakeFirst();
  if (!lesson) return false;
  await trx
    .updateTable("course_module")
    .set({ deleted_at: null, deleted_by: null })
    .where("id", "=", lesson.module_id)
    .where("deleted_at", "is not", null)
    .execute();
  return true;
}

/**
 * Locks the course's unfinished enrolments before the completion check, so a
 * learner completing a lesson at the same moment is either seen by the check
 * or sees the trashed lesson gone (see `lockEnrolment`).
 */
export async function lockOpenEnrolments(trx: DbOrTrx, courseId: string) {
  await trx
    .selectFrom("enrolment")
    .select("user_id")
    .where("course_id", "=", courseId)
    .where("completed_at", "is", null)
    .orderBy("user_id")
    .forUpdate()
    .execute();
}

/**
 * Enrolments that have every remaining required lesson completed, for a
 * course that still has at least one, become completed now. Idempotent; a
 * completion already stored is never touched. `without` counts some lessons
 * as gone already (the confirmation page asks "what if").
 */
function nowCompleteEnrolments(courseId: string, without: string[] = []) {
  const gone = without.length ? sql`and l.id <> all(${sql.val(without)}::uuid[])` : sql``;
  return sql`
    e.course_id = ${courseId} and e.completed_at is null
    and exists (select 1 from lesson l where l.course_id = ${courseId} and l.required and l.deleted_at is null ${gone})
    and not exists (
      select 1 from lesson l
      where l.course_id = ${courseId} and l.required and l.deleted_at is null ${gone}
        and not exists (
          select 1 from lesson_progress p where p.lesson_id = l.id and p.user_id = e.user_id and p.completed_at is not null))`;
}

export async function completeEnrolmentsNowDone(trx: DbOrTrx, courseId: string) {
  const { rows } = await sql<{ user_id: string }>`
    update enrolment e set completed_at = now(), updated_at = now()
    where ${nowCompleteEnrolments(courseId)}
    returning e.user_id`.execute(trx);
  return rows.map((r) => r.user_id);
}

export async function countEnrolmentsCompletedWithout(db: DbOrTrx, courseId: string, lessonIds: string[]) {
  const { rows } = await sql<{ n: string }>`select count(*) as n from enrolment e where ${nowCompleteEnrolments(courseId, lessonIds)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** What trashing would touch: its lessons in use, and how many learners started them or completed them all. */
export async function deletionImpact(db: DbOrTrx, courseId: string, target: { kind: "module" | "lesson"; id: string }) {
  const table = target.kind === "module" ? "course_module" : "lesson";
  const item = await db
    .selectFrom(table)
    .select("title")
    .where("id", "=", target.id)
    .where("course_id", "=", courseId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!item) return null;
  const { rows } = await sql<{ lesson_ids: string[] | null; started: string; completed: string }>`
    with lessons as (
      select id from lesson where ${sql.ref(target.kind === "module" ? "module_id" : "id")} = ${target.id} and deleted_at is null
    ),
    learners as (
      select user_id, count(completed_at) as done from lesson_progress where lesson_id in (select id from lessons) group by user_id
    )
    select (select array_agg(id::text) from lessons) as lesson_ids,
      (select count(*) from learners) as started,
      (select count(*) from learners where done = (select count(*) from lessons)) as completed`.execute(db);
  const row = rows[0]!;
  return { title: item.title, lessonIds: row.lesson_ids ?? [], started: Number(row.started), completed: Number(row.completed) };
}

export interface TrashRow {
  kind: "module" | "lesson";
  id: string;
  title: string;
  module_title: string | null;
  lesson_count: string;
  deleted_at: Date;
  deleted_by_first_name: string | null;
  deleted_by_last_name: string | null;
}

/** Trashed modules, and lessons trashed on their own (not with their module), most recent first. */
export async function listTrash(db: DbOrTrx, courseId: string) {
  const { rows } = await sql<TrashRow>`
    select 'module' as kind, m.id, m.title, null as module_title,
      (select count(*) from lesson l where l.module_id = m.id and l.deleted_at = m.deleted_at) as lesson_count,
      m.deleted_at, u.first_name as deleted_by_first_name, u.last_name as deleted_by_last_name
    from course_module m left join app_user u on u.id = m.deleted_by
    where m.course_id = ${courseId} and m.deleted_at is not null
    union all
    select 'lesson', l.id, l.title, m.title, 1, l.deleted_at, u.first_name, u.last_name
    from lesson l
    join course_module m on m.id = l.module_id
    left join app_user u on u.id = l.deleted_by
    where l.course_id = ${courseId} and l.deleted_at is not null and l.deleted_at is distinct from m.deleted_at
    order by deleted_at desc, title`.execute(db);
  return rows;
}

/** Purges for good what has been in a trash since before `before` (progress goes with it, by cascade). */
export async function purgeTrash(db: DbOrTrx, before: Date) {
  const lessons = await db.deleteFrom("lesson").where("deleted_at", "<", before).executeTakeFirst();
  const modules = await db
    .deleteFrom("course_module")
    .where("deleted_at", "<", before)
    // Never a module that still holds a lesson in use (cannot happen; cheap to be sure).
    .where((eb) => eb.not(eb.exists(eb.selectFrom("lesson").select("lesson.id").whereRef("lesson.module_id", "=", "course_module.id").where("lesson.deleted_at", "is", null))))
    .executeTakeFirst();
  return { lessons: Number(lessons.numDeletedRows), modules: Number(modules.numDeletedRows) };
}
