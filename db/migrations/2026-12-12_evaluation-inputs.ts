import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
//
// 1. Path choices as data: a learner follows a path from a date and may leave
//    it; leaving closes the row (kept for the evaluation), choosing again opens
//    a new one. At most one open choice per person and path.
// 2. A statistics source that fails says so: when (failed_at) and which
//    reference the log line carries (error_ref). A source that never
//    succeeded has no refresh time (refreshed_at null) rather than a fake one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("path_choice")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("path_id", "uuid", (c) => c.notNull().references("learning_path.id").onDelete("cascade"))
    .addColumn("chosen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("left_at", "timestamptz")
    .addCheckConstraint("path_choice_dates", sql`left_at is null or left_at >= chosen_at`)
    .execute();
  await sql`create unique index path_choice_open_idx on path_choice (user_id, path_id) where left_at is null`.execute(db);
  await sql`create index path_choice_user_idx on path_choice (user_id)`.execute(db);
  await sql`create index path_choice_chosen_idx on path_choice (chosen_at)`.execute(db);

  await db.schema
    .alterTable("stats_source_state")
    .addColumn("failed_at", "timestamptz")
    .addColumn("error_ref", "text")
    .execute();
  await sql`alter table stats_source_state alter column refreshed_at drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from stats_source_state where refreshed_at is null`.execute(db);
  await sql`alter table stats_source_state alter column refreshed_at set not null`.execute(db);
  await db.schema.alterTable("stats_source_state").dropColumn("error_ref").dropColumn("failed_at").execute();
  await db.schema.dropTable("path_choice").execute();
}
