import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Statement attachments (xAPI-Data §2.4.11): the bytes are stored once per
// SHA-2 (content-addressed), and a link says which statements reference
// them. The bytes live in the database, not in file storage, so that a batch
// of statements and its attachments are stored — or refused — in one
// transaction, and erased in the one that deletes the statements
// (decision 018). The request size cap (20 MB) bounds each row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("xapi_attachment")
    // Lower-case hex SHA-224, SHA-256, SHA-384 or SHA-512 of the content.
    .addColumn("sha2", "text", (c) => c.primaryKey().check(sql`sha2 ~ '^([0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$'`))
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("length", "integer", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("xapi_attachment_length_ck", sql`length = octet_length(content)`)
    .execute();

  await db.schema
    .createTable("xapi_statement_attachment")
    .addColumn("statement_id", "uuid", (c) => c.notNull().references("xapi_statement.id").onDelete("cascade"))
    .addColumn("sha2", "text", (c) => c.notNull().references("xapi_attachment.sha2"))
    .addPrimaryKeyConstraint("xapi_statement_attachment_pk", ["statement_id", "sha2"])
    .execute();
  await db.schema.createIndex("xapi_statement_attachment_sha2_idx").on("xapi_statement_attachment").column("sha2").execute();

  // Whoever deletes statements (account erasure today, a retention purge
  // tomorrow), the data that no remaining statement references goes with them.
  await sql`
    create function xapi_attachment_drop_orphans() returns trigger language plpgsql as $$
    begin
      delete from xapi_attachment a
      where a.sha2 in (select distinct gone.sha2 from gone)
        and not exists (select 1 from xapi_statement_attachment l where l.sha2 = a.sha2);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger xapi_statement_attachment_orphans after delete on xapi_statement_attachment
    referencing old table as gone for each statement execute function xapi_attachment_drop_orphans()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger xapi_statement_attachment_orphans on xapi_statement_attachment`.execute(db);
  await sql`drop function xapi_attachment_drop_orphans()`.execute(db);
  await db.schema.dropTable("xapi_statement_attachment").execute();
  await db.schema.dropTable("xapi_attachment").execute();
}
