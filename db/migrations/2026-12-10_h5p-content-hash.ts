import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// - h5p_content.content_hash: SHA-256 of a package's content files, so that
//   uploading the same activity twice offers the existing one (decision 030).
//   Contents stored before this migration have none and are never matched.
// - h5p_url_key: the server's key for signing the short-lived addresses the
//   sandboxed player frame reads content files from (decision 029). One row,
//   created on first use; every app replica reads the same key.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("h5p_content")
    .addColumn("content_hash", "text", (c) => c.check(sql`content_hash ~ '^[0-9a-f]{64}$'`))
    .execute();
  await sql`create index h5p_content_hash_idx on h5p_content (content_hash, created_by) where content_hash is not null`.execute(db);
  await db.schema
    .createTable("h5p_url_key")
    .addColumn("id", "smallint", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("secret", "bytea", (c) => c.notNull().check(sql`octet_length(secret) = 32`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("h5p_url_key").execute();
  await db.schema.alterTable("h5p_content").dropColumn("content_hash").execute();
}
