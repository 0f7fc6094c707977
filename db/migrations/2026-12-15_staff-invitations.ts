import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A coordinator invites a staff member by e-mail: the link's token is stored
// only as its SHA-256 hash, used once (used_at) and only before expires_at.
// Suspension reuses app_user.disabled_at; suspended_by says who did it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("staff_invitation")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('mediator', 'teacher', 'coordinator')`))
    .addColumn("invited_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .execute();
  await sql`create index staff_invitation_email_idx on staff_invitation (email)`.execute(db);
  await db.schema
    .alterTable("app_user")
    .addColumn("suspended_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("app_user").dropColumn("suspended_by").execute();
  await db.schema.dropTable("staff_invitation").execute();
}
