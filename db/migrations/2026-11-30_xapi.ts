import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// The LRS tables (xapi_*) know nothing of courses; the H5P tables link
// statements to the app's learners, contents and lessons.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("xapi_credential")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("label", "text", (c) => c.notNull())
    // The Basic user name: public, random, unique.
    .addColumn("api_key", "text", (c) => c.notNull().unique())
    // SHA-256 (hex) of a 160-bit random secret: the secret itself is shown once.
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("scopes", sql`text[]`, (c) =>
      c
        .notNull()
        .check(
          sql`cardinality(scopes) > 0 and scopes <@ array['statements/write','statements/read','statements/read/mine','all/read','all']::text[]`,
        ),
    )
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("xapi_statement")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    // Total order for paging: `stored` alone is not unique within a batch.
    .addColumn("seq", "bigint", (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn("statement", "jsonb", (c) => c.notNull())
    // SHA-256 of the statement minus what the LRS may assign or ignore (see canonical.ts).
    .addColumn("comparison_hash", "text", (c) => c.notNull())
    .addColumn("client_timestamp", "boolean", (c) => c.notNull())
    .addColumn("verb_id", "text", (c) => c.notNull())
    .addColumn("activity_id", "text")
    .addColumn("actor_key", "text", (c) => c.notNull())
    .addColumn("object_agent_key", "text")
    .addColumn("registration", "uuid")
    .addColumn("related_activity_ids", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("related_agent_keys", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Set on voiding statements: the id they void.
    .addColumn("voids_statement_id", "uuid")
    .addColumn("voided", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("timestamp", "timestamptz", (c) => c.notNull())
    .addColumn("stored", "timestamptz", (c) => c.notNull())
    .addColumn("credential_id", "uuid", (c) => c.references("xapi_credential.id").onDelete("set null"))
    .execute();
  // Every filter column leads an index that ends with the paging order.
  await sql`create index xapi_statement_stored_idx on xapi_statement (stored, seq)`.execute(db);
  await sql`create index xapi_statement_actor_idx on xapi_statement (actor_key, stored, seq)`.execute(db);
  await sql`create index xapi_statement_object_agent_idx on xapi_statement (object_agent_key, stored, seq) where object_agent_key is not null`.execute(db);
  await sql`create index xapi_statement_verb_idx on xapi_statement (verb_id, stored, seq)`.execute(db);
  await sql`create index xapi_statement_activity_idx on xapi_statement (activity_id, stored, seq) where activity_id is not null`.execute(db);
  await sql`create index xapi_statement_registration_idx on xapi_statement (registration, stored, seq) where registration is not null`.execute(db);
  await sql`create index xapi_statement_related_activities_idx on xapi_statement using gin (related_activity_ids)`.execute(db);
  await sql`create index xapi_statement_related_agents_idx on xapi_statement using gin (related_agent_keys)`.execute(db);
  await sql`create index xapi_statement_voids_idx on xapi_statement (voids_statement_id) where voids_statement_id is not null`.execute(db);

  await db.schema
    .createTable("h5p_library")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("machine_name", "text", (c) => c.notNull().check(sql`machine_name ~ '^[A-Za-z0-9_.-]{1,255}$'`))
    .addColumn("major_version", "integer", (c) => c.notNull().check(sql`major_version >= 0`))
    .addColumn("minor_version", "integer", (c) => c.notNull().check(sql`minor_version >= 0`))
    .addColumn("patch_version", "integer", (c) => c.notNull().check(sql`patch_version >= 0`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("runnable", "boolean", (c) => c.notNull())
    .addColumn("library_json", "jsonb", (c) => c.notNull())
    // Files live under this storage prefix; a new install writes a new prefix, then swaps.
    .addColumn("storage_prefix", "text", (c) => c.notNull())
    .addColumn("installed_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("installed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("h5p_library_version_uq", ["machine_name", "major_version", "minor_version"])
    .execute();

  await db.schema
    .createTable("h5p_content")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("main_library", "text", (c) => c.notNull())
    .addColumn("h5p_json", "jsonb", (c) => c.notNull())
    .addColumn("storage_prefix", "text", (c) => c.notNull())
    .addColumn("file_count", "integer", (c) => c.notNull())
    .addColumn("total_bytes", "bigint", (c) => c.notNull())
    // Set for the seeded demo content so that the seed stays idempotent.
    .addColumn("source_key", "text", (c) => c.unique())
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("h5p_content_created_by_idx").on("h5p_content").column("created_by").execute();

  await db.schema
    .createTable("h5p_user_state")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("content_id", "uuid", (c) => c.notNull().references("h5p_content.id").onDelete("cascade"))
    .addColumn("data_type", "text", (c) => c.notNull().check(sql`data_type ~ '^[a-z][a-zA-Z0-9_-]{0,40}$'`))
    .addColumn("sub_content_id", "text", (c) => c.notNull().check(sql`sub_content_id ~ '^[a-zA-Z0-9_-]{1,64}$'`))
    .addColumn("state", "text", (c) => c.notNull().check(sql`length(state) <= 65536`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("h5p_user_state_pk", ["user_id", "content_id", "data_type", "sub_content_id"])
    .execute();

  // What the app knows about a relayed statement that the LRS itself does not:
  // which learner, which H5P content, which lesson it was played in.
  await db.schema
    .createTable("h5p_statement_link")
    .addColumn("statement_id", "uuid", (c) => c.primaryKey().references("xapi_statement.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("content_id", "uuid", (c) => c.notNull().references("h5p_content.id").onDelete("cascade"))
    .addColumn("lesson_id", "uuid", (c) => c.references("lesson.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("h5p_statement_link_content_idx").on("h5p_statement_link").columns(["content_id", "user_id"]).execute();
  await db.schema.createIndex("h5p_statement_link_user_idx").on("h5p_statement_link").columns(["user_id", "content_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["h5p_statement_link", "h5p_user_state", "h5p_content", "h5p_library", "xapi_statement", "xapi_credential"]) {
    await db.schema.dropTable(table).execute();
  }
}
