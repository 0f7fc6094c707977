import type { Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A person who is in the room is checked in even when every seat is taken:
// the mediator confirms it and the booking is marked as a seat beyond the
// capacity. Online booking and the waitlist still count every confirmed seat,
// so nobody books online into a room that is already over (decision 039).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("booking")
    .addColumn("over_capacity", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("booking").dropColumn("over_capacity").execute();
}
