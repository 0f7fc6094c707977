import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// People counted once over a period, measured on 100,000 accompaniments and
// 1,000,000 xAPI statements: one row per person and month
// (stats_people_monthly) made the dashboard scan every month of every
// active learner. One row per person and profile, with the set of months
// they were active, is a fraction of that and answers "how many different
// people from March to June" with an array overlap. People without an
// account are counted apart (they are unique by construction), as additive
// counts in stats_monthly. Derived data: the refresh job rebuilds it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stats_people_monthly").execute();
  await db.schema
    .createTable("stats_people")
    .addColumn("indicator", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("commune", "text", (c) => c.notNull())
    .addColumn("space", "text", (c) => c.notNull())
    .addColumn("person", "uuid", (c) => c.notNull())
    // First days of the months the person was active in, sorted, without repeats.
    .addColumn("months", sql`date[]`, (c) => c.notNull().check(sql`cardinality(months) > 0`))
    .addPrimaryKeyConstraint("stats_people_pk", ["indicator", "category", "audience", "commune", "space", "person"])
    .execute();
  await sql`delete from stats_person_first`.execute(db);
  // Rebuild everything at the next refresh.
  await sql`delete from stats_source_state`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stats_people").execute();
  await db.schema
    .createTable("stats_people_monthly")
    .addColumn("indicator", "text", (c) => c.notNull())
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("person", "uuid", (c) => c.notNull())
    .addColumn("space", "text", (c) => c.notNull())
    .addColumn("commune", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("stats_people_monthly_pk", ["indicator", "month", "space", "commune", "audience", "category", "person"])
    .execute();
  await sql`delete from stats_source_state`.execute(db);
}
