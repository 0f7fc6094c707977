import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Passerelle as an LTI 1.3 tool (issue 21, decision 048). Coordinators
// register platforms; the tool's own RSA keys live here like the badge
// issuer's (one active, retired ones kept for rotation). Login states and
// nonces are rows, not process memory, so any worker can finish a launch;
// a used nonce's unique key refuses a replay. Scores for the platforms'
// gradebooks go through their own outbox, marked sent only after a 2xx.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("lti_platform")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("deployment_ids", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("jwks_url", "text", (c) => c.notNull())
    .addColumn("auth_url", "text", (c) => c.notNull())
    .addColumn("token_url", "text", (c) => c.notNull())
    .addColumn("school", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("disabled_at", "timestamptz")
    .addUniqueConstraint("lti_platform_issuer_client", ["issuer", "client_id"])
    .execute();

  await db.schema
    .createTable("lti_tool_key")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("public_jwk", "jsonb", (c) => c.notNull())
    .addColumn("private_key_pkcs8", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("retired_at", "timestamptz")
    .execute();
  await sql`create unique index lti_tool_key_one_active on lti_tool_key ((true)) where retired_at is null`.execute(db);

  await db.schema
    .createTable("lti_login_state")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("platform_id", "uuid", (c) => c.notNull().references("lti_platform.id").onDelete("cascade"))
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("login_params", "jsonb", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("lti_used_nonce")
    .addColumn("platform_id", "uuid", (c) => c.notNull().references("lti_platform.id").onDelete("cascade"))
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("lti_used_nonce_pk", ["platform_id", "nonce"])
    .execute();

  await db.schema
    .createTable("lti_user_link")
    .addColumn("platform_id", "uuid", (c) => c.notNull().references("lti_platform.id").onDelete("cascade"))
    .addColumn("sub", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("lti_user_link_pk", ["platform_id", "sub"])
    .execute();
  await db.schema.createIndex("lti_user_link_user_idx").on("lti_user_link").column("user_id").execute();

  await db.schema
    .createTable("lti_launch")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("platform_id", "uuid", (c) => c.notNull().references("lti_platform.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("sub", "text", (c) => c.notNull())
    .addColumn("deployment_id", "text", (c) => c.notNull())
    .addColumn("message_type", "text", (c) => c.notNull().check(sql`message_type in ('LtiResourceLinkRequest', 'LtiDeepLinkingRequest')`))
    .addColumn("target_kind", "text", (c) => c.check(sql`target_kind in ('course', 'lesson', 'h5p')`))
    .addColumn("target_id", "uuid")
    .addColumn("resource_link_id", "text")
    .addColumn("ags_lineitem", "text")
    .addColumn("deep_link_return_url", "text")
    .addColumn("deep_link_data", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lti_launch_user_idx").on("lti_launch").column("user_id").execute();

  await db.schema
    .createTable("lti_score_outbox")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("platform_id", "uuid", (c) => c.notNull().references("lti_platform.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("lineitem_url", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .execute();
  await sql`create index lti_score_outbox_due_idx on lti_score_outbox (next_attempt_at) where sent_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["lti_score_outbox", "lti_launch", "lti_user_link", "lti_used_nonce", "lti_login_state", "lti_tool_key", "lti_platform"]) {
    await db.schema.dropTable(table).execute();
  }
}
