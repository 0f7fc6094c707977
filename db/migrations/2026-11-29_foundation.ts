import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  // unaccent() is STABLE; an IMMUTABLE wrapper lets indexes and generated
  // columns use it (the dictionary is fixed for the life of the database).
  await sql`
    create or replace function immutable_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$
  `.execute(db);

  await db.schema
    .createTable("app_user")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.unique())
    .addColumn("password_hash", "text")
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text")
    .addColumn("role", "text", (c) =>
      c.notNull().defaultTo("learner").check(sql`role in ('learner','mediator','teacher','coordinator')`),
    )
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fr").check(sql`locale in ('fr','en')`))
    .addColumn("large_text", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("high_contrast", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("disabled_at", "timestamptz")
    .addCheckConstraint("app_user_email_lower", sql`email = lower(email)`)
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("absolute_expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("sign_in_failure")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("throttle_key", "text", (c) => c.notNull())
    .addColumn("failed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("sign_in_failure_key_idx")
    .on("sign_in_failure")
    .columns(["throttle_key", "failed_at"])
    .execute();

  await db.schema
    .createTable("password_reset_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("outbox_message")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending','sent','dead')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("locked_until", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index outbox_due_idx on outbox_message (next_attempt_at) where status = 'pending'`.execute(db);

  await db.schema
    .createTable("relay_space")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("pivot", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("commune", "text", (c) => c.notNull())
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("insee_code", "text")
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("address_complement", "text")
    .addColumn("latitude", "double precision")
    .addColumn("longitude", "double precision")
    .addColumn("typology", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("phone", "text")
    .addColumn("emails", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("websites", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("opening_hours", "text")
    .addColumn("summary", "text")
    .addColumn("description", "text")
    .addColumn("itinerance", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("parent_structure", "text")
    .addColumn("services", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("audiences", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("specific_support", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("fees", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("national_programmes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("trainings_labels", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("other_trainings_labels", "text")
    .addColumn("access_modalities", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("accompaniment_modalities", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("accessibility_url", "text")
    .addColumn("booking_url", "text")
    .addColumn("equipment", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "relay_space",
    "outbox_message",
    "password_reset_token",
    "sign_in_failure",
    "session",
    "app_user",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists immutable_unaccent(text)`.execute(db);
}
