import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// - course_signing_key: the server's key for signing the « opened at » time
//   the lesson page carries in its forms (decision 042), so that opening a
//   lesson writes nothing and « J'ai terminé » can still tell how long the
//   lesson was open. One row, made here rather than on first use: a first
//   use would be a page being read. Every app replica reads the same key.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("course_signing_key")
    .addColumn("id", "smallint", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("secret", "bytea", (c) => c.notNull().check(sql`octet_length(secret) = 32`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto("course_signing_key").values({ id: 1, secret: randomBytes(32) }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("course_signing_key").execute();
}
