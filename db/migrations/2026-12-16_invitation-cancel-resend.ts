import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A coordinator cancels a pending invitation (cancelled_at, cancelled_by) or
// sends it again: the old row is cancelled and points to the new one
// (replaced_by), so the old link can say why it stopped working. The mail's
// language is kept to write the new mail in it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("staff_invitation")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fr").check(sql`locale in ('fr', 'en')`))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("cancelled_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("replaced_by", "uuid", (c) => c.references("staff_invitation.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("staff_invitation")
    .dropColumn("replaced_by")
    .dropColumn("cancelled_by")
    .dropColumn("cancelled_at")
    .dropColumn("locale")
    .execute();
}
