import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// A badge can require evidence beyond "every lesson marked done": a pass
// mark on the scored activities (0..1) and a minimum time spent in lessons.
// The family name a learner asks to print on a certificate is kept with the
// badge (never asked of a minor); it is not in the signed credential.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("achievement")
    .addColumn("pass_mark", "real", (c) => c.check(sql`pass_mark > 0 and pass_mark <= 1`))
    .addColumn("min_lesson_minutes", "integer", (c) => c.check(sql`min_lesson_minutes between 1 and 6000`))
    .execute();
  await db.schema.alterTable("badge").addColumn("certificate_family_name", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("badge").dropColumn("certificate_family_name").execute();
  await db.schema.alterTable("achievement").dropColumn("pass_mark").dropColumn("min_lesson_minutes").execute();
}
