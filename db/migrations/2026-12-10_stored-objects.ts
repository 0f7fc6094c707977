import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// What people's uploads hold in the file storage, for the per-person and
// per-course quotas (decision 023): one row per upload — a course image, a
// team file, or an H5P activity's extracted folder (its key is the prefix).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stored_object")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('course_image','h5p_content','team_file')`))
    .addColumn("owner_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("course_id", "uuid", (c) => c.references("course.id").onDelete("set null"))
    .addColumn("byte_size", "bigint", (c) => c.notNull().check(sql`byte_size >= 0`))
    .addColumn("file_count", "integer", (c) => c.notNull().check(sql`file_count >= 1`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index stored_object_owner_idx on stored_object (owner_id) where owner_id is not null`.execute(db);
  await sql`create index stored_object_course_idx on stored_object (course_id) where course_id is not null`.execute(db);

  // What is already stored and known with its size. Course images uploaded
  // before this migration have no size in the database and start uncounted.
  await sql`
    insert into stored_object (key, kind, owner_id, byte_size, file_count, created_at)
    select storage_prefix, 'h5p_content', created_by, total_bytes, greatest(file_count, 1), created_at from h5p_content
    on conflict (key) do nothing`.execute(db);
  await sql`
    insert into stored_object (key, kind, owner_id, byte_size, file_count, created_at)
    select a.storage_key, 'team_file', p.user_id, a.size_bytes, 1, a.uploaded_at
    from team_attachment a left join class_pupil p on p.id = a.uploaded_by_pupil_id
    on conflict (key) do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stored_object").execute();
}
