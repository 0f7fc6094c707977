import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Notifications (in-app list, e-mail now / in a daily digest / never) and
// learners' questions on lessons (decision 044).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("message_values", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // A route pattern of the app and its parameters: the page builds the link.
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("route_params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // none: not mailed (in-app only, no address, or 'never'); pending: waits for the digest; sent.
    .addColumn("mail_state", "text", (c) => c.notNull().defaultTo("none").check(sql`mail_state in ('none', 'pending', 'sent')`))
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("read_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index notification_user_idx on notification (user_id, created_at desc)`.execute(db);
  // The header's count: one index-only lookup per page.
  await sql`create index notification_unread_idx on notification (user_id) where read_at is null`.execute(db);
  await sql`create index notification_digest_idx on notification (user_id, created_at) where mail_state = 'pending'`.execute(db);

  await db.schema
    .createTable("notification_preference")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("app_user.id").onDelete("cascade"))
    .addColumn("email_mode", "text", (c) => c.notNull().check(sql`email_mode in ('immediate', 'digest', 'never')`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("lesson_question")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("course_id", "uuid", (c) => c.notNull().references("course.id").onDelete("cascade"))
    .addColumn("lesson_id", "uuid", (c) => c.notNull().references("lesson.id").onDelete("cascade"))
    .addColumn("asker_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility in ('tutors', 'learners')`))
    // Asked by a pupil: seen by their teachers only, never shown to others.
    .addColumn("from_pupil", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("answer", "text")
    .addColumn("answered_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("answered_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .addColumn("published_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("lesson_question_pupil_private", sql`not (from_pupil and visibility = 'learners')`)
    .addCheckConstraint("lesson_question_published_answered", sql`published_at is null or (answered_at is not null and visibility = 'learners')`)
    .execute();
  await sql`create index lesson_question_open_idx on lesson_question (course_id, created_at) where answered_at is null`.execute(db);
  await sql`create index lesson_question_lesson_idx on lesson_question (lesson_id, created_at)`.execute(db);
  await sql`create index lesson_question_asker_idx on lesson_question (asker_id)`.execute(db);

  await db.schema
    .createTable("lesson_question_useful")
    .addColumn("question_id", "uuid", (c) => c.notNull().references("lesson_question.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("lesson_question_useful_pk", ["question_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("lesson_question_useful").execute();
  await db.schema.dropTable("lesson_question").execute();
  await db.schema.dropTable("notification_preference").execute();
  await db.schema.dropTable("notification").execute();
}
