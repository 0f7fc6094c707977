import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// The LRS's document resources (xAPI-Communication §2.2–2.7): State, Agent
// Profile and Activity Profile documents in one table, told apart by
// `resource`. Documents are addressed by hashes computed in the app (see
// app/features/xapi/documents.ts): activity IRIs, agent identifiers and
// document ids are each up to kilobytes long, too long together for a btree key.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("xapi_document")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("resource", "text", (c) => c.notNull().check(sql`resource in ('state', 'agent_profile', 'activity_profile')`))
    // SHA-256 of (resource, activity, agent, registration): the set a GET of ids or a DELETE of all reads.
    .addColumn("context_hash", "text", (c) => c.notNull())
    // SHA-256 of the context and the document id: one document.
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("activity_id", "text")
    // The agent's inverse functional identifier as the statements' actor_key ("mbox:…", "account:<homePage> <name>").
    .addColumn("agent_key", "text")
    .addColumn("registration", "uuid")
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    // SHA-1 (hex) of the content, sent quoted in the ETag header.
    .addColumn("etag", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "xapi_document_context_ck",
      sql`(resource = 'state' and activity_id is not null and agent_key is not null)
        or (resource = 'agent_profile' and activity_id is null and agent_key is not null and registration is null)
        or (resource = 'activity_profile' and activity_id is not null and agent_key is null and registration is null)`,
    )
    .execute();
  await sql`create index xapi_document_context_idx on xapi_document (context_hash, updated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("xapi_document").execute();
}
