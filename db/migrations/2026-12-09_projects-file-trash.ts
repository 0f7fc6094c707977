import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A team file that someone deletes is kept for 30 days (restorable by the
// team and its teachers), then purged with its bytes by a periodic job.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("team_attachment")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("deleted_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .execute();
  await sql`create index team_attachment_deleted_idx on team_attachment (deleted_at) where deleted_at is not null`.execute(db);
}
