import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("classroom")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    // A same-site path (course, lesson or path step page); the linked domains own their ids.
    .addColumn("linked_path", "text")
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity between 1 and 500`))
    // Nullable so that deleting a host's account (GDPR) keeps the class and its attendance.
    .addColumn("host_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("recording_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("room_name", "text", (c) => c.notNull().unique())
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("ended_at", "timestamptz")
    .addColumn("room_started_at", "timestamptz")
    .addColumn("room_finished_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("classroom_window", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("classroom_starts_idx").on("classroom").column("starts_at").execute();
  await db.schema.createIndex("classroom_host_idx").on("classroom").column("host_id").execute();

  await db.schema
    .createTable("classroom_cohost")
    .addColumn("classroom_id", "uuid", (c) => c.notNull().references("classroom.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("classroom_cohost_pk", ["classroom_id", "user_id"])
    .execute();
  await db.schema.createIndex("classroom_cohost_user_idx").on("classroom_cohost").column("user_id").execute();

  await db.schema
    .createTable("classroom_registration")
    .addColumn("classroom_id", "uuid", (c) => c.notNull().references("classroom.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("registered_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("registered_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("can_speak", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("removed_at", "timestamptz")
    .addColumn("removed_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("reminded_at", "timestamptz")
    .addPrimaryKeyConstraint("classroom_registration_pk", ["classroom_id", "user_id"])
    .execute();
  await db.schema.createIndex("classroom_registration_user_idx").on("classroom_registration").column("user_id").execute();

  await db.schema
    .createTable("classroom_webhook_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("room_name", "text")
    .addColumn("created_at", "timestamptz")
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("classroom_presence")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("classroom_id", "uuid", (c) => c.notNull().references("classroom.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("participant_sid", "text", (c) => c.notNull())
    .addColumn("joined_at", "timestamptz")
    .addColumn("left_at", "timestamptz")
    .addUniqueConstraint("classroom_presence_sid", ["classroom_id", "participant_sid"])
    .execute();
  await db.schema
    .createIndex("classroom_presence_user_idx")
    .on("classroom_presence")
    .columns(["user_id", "classroom_id"])
    .execute();

  await db.schema
    .createTable("classroom_recording")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("classroom_id", "uuid", (c) => c.notNull().references("classroom.id").onDelete("cascade"))
    .addColumn("egress_id", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("active").check(sql`status in ('active','complete','failed')`),
    )
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("size_bytes", "bigint")
    .addColumn("duration_ms", "bigint")
    .addColumn("error", "text")
    .addColumn("started_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .execute();
  await db.schema.createIndex("classroom_recording_class_idx").on("classroom_recording").column("classroom_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "classroom_recording",
    "classroom_presence",
    "classroom_webhook_event",
    "classroom_registration",
    "classroom_cohost",
    "classroom",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
