import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Sign-in with an OpenID Connect provider (issue 21, decision 047): identities
// linked to accounts, sign-ins in flight, identities waiting for « create or
// link », the provider's session kept with ours for sign-out, and the
// coordinators' claim → role mappings.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("oidc_identity")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    // The provider's id in the configuration, for the page; the pair (issuer, subject) is the identity.
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    // The role the last mapping gave, so that a mapping that no longer matches takes back only what it gave.
    .addColumn("mapped_role", "text")
    .addColumn("linked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addUniqueConstraint("oidc_identity_issuer_subject_key", ["issuer", "subject"])
    // One account per provider and person: a second identity at the same provider would be a second person.
    .addUniqueConstraint("oidc_identity_user_provider_key", ["user_id", "provider_id"])
    .execute();

  await db.schema
    .createTable("oidc_login")
    // SHA-256 of the `state` sent to the provider: single use, deleted when the browser comes back.
    .addColumn("id", "text", (c) => c.primaryKey())
    // SHA-256 of the token in this browser's cookie: the answer must come back to the browser that left.
    .addColumn("browser_hash", "text", (c) => c.notNull())
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    // Set when a signed-in person links a provider from their account page.
    .addColumn("link_user_id", "uuid", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create index oidc_login_expires_idx on oidc_login (expires_at)`.execute(db);

  await db.schema
    .createTable("oidc_pending_identity")
    // SHA-256 of the token in the browser's cookie while the person chooses « create » or « link ».
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    // The claims kept to create an account: names, a verified address, the claims role mappings read.
    .addColumn("claims", "jsonb", (c) => c.notNull())
    .addColumn("id_token", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create index oidc_pending_identity_expires_idx on oidc_pending_identity (expires_at)`.execute(db);

  await db.schema
    .createTable("oidc_session")
    .addColumn("session_id", "text", (c) => c.primaryKey().references("session.id").onDelete("cascade"))
    .addColumn("provider_id", "text", (c) => c.notNull())
    // Sent back as id_token_hint when the person signs out at the provider too.
    .addColumn("id_token", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("oidc_role_mapping")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("claim", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('mediator', 'teacher', 'coordinator', 'partner')`))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("oidc_role_mapping_key", ["provider_id", "claim", "value"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["oidc_role_mapping", "oidc_session", "oidc_pending_identity", "oidc_login", "oidc_identity"]) {
    await db.schema.dropTable(table).execute();
  }
}
