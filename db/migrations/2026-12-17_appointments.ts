import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// One-to-one appointments (decision 043). A mediator publishes availability
// (a window at a relay space, or by phone / video, for some reasons); it is
// cut into slots. A slot is held by at most one live appointment: the partial
// unique index below is the last word, whatever the concurrency. People
// waiting for a reason at a place are offered freed slots in order. SMS
// reminders go through their own outbox table, drained like the mail one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("appointment_availability")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("mediator_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("relay_space_id", "uuid", (c) => c.references("relay_space.id").onDelete("restrict"))
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('place', 'phone', 'video')`))
    .addColumn("reasons", sql`text[]`, (c) => c.notNull())
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("slot_minutes", "integer", (c) => c.notNull().check(sql`slot_minutes between 10 and 240`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("appointment_availability_place", sql`(mode = 'place') = (relay_space_id is not null)`)
    .addCheckConstraint("appointment_availability_window", sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable("appointment_slot")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("availability_id", "uuid", (c) => c.notNull().references("appointment_availability.id").onDelete("cascade"))
    .addColumn("mediator_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("relay_space_id", "uuid", (c) => c.references("relay_space.id").onDelete("restrict"))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("reasons", sql`text[]`, (c) => c.notNull())
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("withdrawn_at", "timestamptz")
    .execute();
  await sql`create index appointment_slot_starts_idx on appointment_slot (starts_at)`.execute(db);
  await sql`create index appointment_slot_space_idx on appointment_slot (relay_space_id, starts_at)`.execute(db);
  // Publishing the same window twice cuts the same slots once.
  await sql`create unique index appointment_slot_unique_idx on appointment_slot (mediator_id, starts_at) where withdrawn_at is null`.execute(db);

  await db.schema
    .createTable("appointment")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slot_id", "uuid", (c) => c.notNull().references("appointment_slot.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("booked").check(sql`status in ('booked', 'cancelled', 'attended', 'no_show')`))
    .addColumn("booked_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("contact_phone", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("cancelled_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("marked_at", "timestamptz")
    .addColumn("marked_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("rescheduled_to", "uuid", (c) => c.references("appointment.id").onDelete("set null"))
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The rule that no slot is ever given twice: one live appointment per slot.
  await sql`create unique index appointment_live_slot_idx on appointment (slot_id) where status <> 'cancelled'`.execute(db);
  await sql`create index appointment_user_idx on appointment (user_id)`.execute(db);

  await db.schema
    .createTable("appointment_waitlist")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    // null: by phone or video, wherever the mediator is.
    .addColumn("relay_space_id", "uuid", (c) => c.references("relay_space.id").onDelete("cascade"))
    .addColumn("contact_phone", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("offered_slot_id", "uuid", (c) => c.references("appointment_slot.id").onDelete("set null"))
    .addColumn("offered_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .execute();
  await sql`create unique index appointment_waitlist_live_idx on appointment_waitlist (user_id, reason, relay_space_id) nulls not distinct where closed_at is null`.execute(db);
  await sql`create index appointment_waitlist_queue_idx on appointment_waitlist (reason, relay_space_id, created_at) where closed_at is null`.execute(db);

  await db.schema
    .alterTable("mediation_activity")
    .addColumn("appointment_id", "uuid", (c) => c.references("appointment.id").onDelete("set null"))
    .execute();
  await sql`create unique index mediation_activity_appointment_idx on mediation_activity (appointment_id) where appointment_id is not null`.execute(db);

  await db.schema
    .createTable("sms_message")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("to_number", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'sent', 'dead')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("locked_until", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .execute();
  await sql`create index sms_message_due_idx on sms_message (next_attempt_at) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sms_message").execute();
  await db.schema.alterTable("mediation_activity").dropColumn("appointment_id").execute();
  await db.schema.dropTable("appointment_waitlist").execute();
  await db.schema.dropTable("appointment").execute();
  await db.schema.dropTable("appointment_slot").execute();
  await db.schema.dropTable("appointment_availability").execute();
}
