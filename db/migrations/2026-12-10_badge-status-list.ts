import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Each badge gets its own bit in a published revocation list (W3C Bitstring
// Status List): the list's number and the bit's index, drawn at random when
// the badge is issued, unique together. Badges issued before have none.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("badge")
    .addColumn("status_list", "integer")
    .addColumn("status_list_index", "integer", (c) => c.check(sql`status_list_index >= 0`))
    .execute();
  await sql`create unique index badge_status_entry_idx on badge (status_list, status_list_index) where status_list_index is not null`.execute(db);
}
