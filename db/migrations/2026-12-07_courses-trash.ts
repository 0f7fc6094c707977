import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
//
// 1. A course's trash: a deleted module or lesson keeps its row (and its
//    position, and the learners' progress on it) with `deleted_at` set, and
//    is purged for good 30 days later by a periodic job. A module's lessons
//    go to the trash with it, at the same `deleted_at`.
// 2. Lesson text in the catalogue search: `search_text` holds the plain text
//    of the lesson body (written by the app when a lesson is saved or
//    imported); `search` is its French vector, built like `course.search`
//    (accents folded, hyphenated words once more without their hyphen).
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["course_module", "lesson"]) {
    await db.schema
      .alterTable(table)
      .addColumn("deleted_at", "timestamptz")
      .addColumn("deleted_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
      .execute();
    await sql`create index ${sql.raw(`${table}_trash_idx`)} on ${sql.table(table)} (deleted_at) where deleted_at is not null`.execute(db);
  }

  await db.schema.alterTable("lesson").addColumn("search_text", "text", (c) => c.notNull().defaultTo("")).execute();
  await sql`
    alter table lesson add column search tsvector generated always as (
      to_tsvector('french'::regconfig, immutable_unaccent(
        title || ' ' || search_text || ' ' || replace(title || ' ' || search_text, '-', '')))
    ) stored
  `.execute(db);
  await sql`create index lesson_search_idx on lesson using gin (search) where deleted_at is null`.execute(db);

  // Lessons already stored: every string under a "text" key of the tiptap
  // document, in document order. (The app's extractor joins inline pieces
  // without a space; this is close enough for search, and the next save
  // rewrites it.) Strict mode: in lax mode `.**` unwraps every array again
  // and returns each text twice.
  await sql`
    update lesson set search_text = coalesce((
      select string_agg(t.value #>> '{}', ' ' order by t.n)
      from jsonb_path_query(lesson.body, 'strict $.** ? (@.type() == "object" && exists(@.text)).text ? (@.type() == "string")') with ordinality as t(value, n)
    ), '')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists lesson_search_idx`.execute(db);
  await db.schema.alterTable("lesson").dropColumn("search").execute();
  await db.schema.alterTable("lesson").dropColumn("search_text").execute();
  for (const table of ["lesson", "course_module"]) {
    await sql`drop index if exists ${sql.raw(`${table}_trash_idx`)}`.execute(db);
    await db.schema.alterTable(table).dropColumn("deleted_by").dropColumn("deleted_at").execute();
  }
}
