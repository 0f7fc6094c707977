import type { Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A queued mail may carry small files (a booking confirmation's .ics): kept
// with the message so the worker sends exactly what the request queued.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox_message").addColumn("attachments", "jsonb").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox_message").dropColumn("attachments").execute();
}
