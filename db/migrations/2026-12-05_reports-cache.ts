import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Dashboard results per (period, filters, language), valid for one version
// of the aggregates: between two refreshes that change something, every
// coordinator asking for the same view gets the stored result instead of a
// dozen aggregate queries. Derived data, safe to empty at any time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stats_dashboard_cache")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("version", "text", (c) => c.notNull())
    // JSON as text: read back whole and parsed by the app; jsonb would be re-serialised on every read.
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stats_dashboard_cache").execute();
}
