import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Each queued mail names the account it is to or about, so that erasing the
// account deletes its mail too (the address, the first name and any reset
// link in the body). Rows queued before this migration are matched by address.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("outbox_message")
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("cascade"))
    .execute();
  await sql`update outbox_message o set user_id = u.id from app_user u where u.email = lower(o.to_address)`.execute(db);
  await sql`create index outbox_message_user_idx on outbox_message (user_id) where user_id is not null`.execute(db);
  // The prune job looks for old sent and dead mail.
  await sql`create index outbox_message_done_idx on outbox_message (status, created_at) where status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index outbox_message_done_idx`.execute(db);
  await db.schema.alterTable("outbox_message").dropColumn("user_id").execute();
}
