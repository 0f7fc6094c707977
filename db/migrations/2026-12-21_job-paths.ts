import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A job seeker follows the professional path of an offer (« Suivre ce
// parcours », issue 20, decision 046): the steps are worked out again from the
// offer's skills and the person's badges each time; only the choice is kept.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_path_follow")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("job_offer.id").onDelete("cascade"))
    .addColumn("followed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("job_path_follow_pk", ["user_id", "offer_id"])
    .execute();
}
