import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Throttling moves from one row per failure (checked, then recorded: parallel
// guesses all passed the check) to one counter row per key, bumped by an
// upsert that returns the new count, so each attempt is counted exactly once
// before it is judged. Old failure rows are worthless after 15 minutes: dropped.
// Periodic jobs record when each last started, claimed by one conditional
// upsert, so a job is not run again by another process (or a restarted one)
// before its interval has passed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("throttle_counter")
    .addColumn("throttle_key", "text", (c) => c.primaryKey())
    .addColumn("window_started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("attempts", "integer", (c) => c.notNull())
    .execute();
  await sql`create index throttle_counter_window_idx on throttle_counter (window_started_at)`.execute(db);
  await db.schema.dropTable("sign_in_failure").execute();
  await db.schema
    .createTable("job_run")
    .addColumn("job_name", "text", (c) => c.primaryKey())
    .addColumn("last_started_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_run").execute();
  await db.schema.dropTable("throttle_counter").execute();
  await db.schema
    .createTable("sign_in_failure")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("throttle_key", "text", (c) => c.notNull())
    .addColumn("failed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("sign_in_failure_key_idx").on("sign_in_failure").columns(["throttle_key", "failed_at"]).execute();
}
