import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Pre-aggregated indicators (see docs/decisions: aggregation design). These
// tables are derived data: the refresh job can drop and rebuild them from the
// source tables at any time.
export async function up(db: Kysely<any>): Promise<void> {
  // Additive counts per month. Dimension columns are never null so that they
  // can sit in the primary key: space '' = no place (online); commune and
  // audience '*' = every value (rows computed with GROUPING SETS, so a filter
  // reads exact values even when one activity involves several communes),
  // '' = not recorded; category '*' = all (themes, autonomy levels…).
  await db.schema
    .createTable("stats_monthly")
    .addColumn("indicator", "text", (c) => c.notNull())
    .addColumn("commune", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("space", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("stats_monthly_pk", ["indicator", "commune", "audience", "category", "month", "space"])
    .addCheckConstraint("stats_monthly_first_of_month", sql`extract(day from month) = 1`)
    .execute();

  // People are not additive across months: one row per person, month and
  // profile, so that "how many different people from March to June" is an
  // exact count(distinct) over a small table instead of a scan of the sources.
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
    .addCheckConstraint("stats_people_monthly_first_of_month", sql`extract(day from month) = 1`)
    .execute();
  await db.schema.createIndex("stats_people_monthly_person_idx").on("stats_people_monthly").columns(["person"]).execute();

  // First month each person appears for an indicator: first-time vs returning.
  await db.schema
    .createTable("stats_person_first")
    .addColumn("indicator", "text", (c) => c.notNull())
    .addColumn("person", "uuid", (c) => c.notNull())
    .addColumn("first_month", "date", (c) => c.notNull())
    .addPrimaryKeyConstraint("stats_person_first_pk", ["indicator", "person"])
    .execute();

  // Where each source's incremental refresh stands.
  await db.schema
    .createTable("stats_source_state")
    .addColumn("source", "text", (c) => c.primaryKey())
    .addColumn("watermark", "timestamptz", (c) => c.notNull())
    .addColumn("full_rebuild_at", "timestamptz", (c) => c.notNull())
    .addColumn("refreshed_at", "timestamptz", (c) => c.notNull())
    .addColumn("changed_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_error", "text")
    .execute();

  // Published open-data files derived from the aggregates, rewritten only
  // when their bytes change (so Last-Modified and ETag stay meaningful).
  await db.schema
    .createTable("opendata_file")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("etag", "text", (c) => c.notNull())
    .addColumn("modified_at", "timestamptz", (c) => c.notNull())
    .execute();

  // Yearly evaluation reports, generated in the background.
  await db.schema
    .createTable("report_job")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('fr','en')`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(sql`status in ('queued','running','done','failed')`),
    )
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn("step", "text")
    .addColumn("requested_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("pdf_key", "text")
    .addColumn("csv_key", "text")
    .addColumn("page_count", "integer")
    .addColumn("error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .execute();
  await sql`create index report_job_pending_idx on report_job (created_at) where status in ('queued','running')`.execute(db);
  await db.schema.createIndex("report_job_year_idx").on("report_job").columns(["year", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["report_job", "opendata_file", "stats_source_state", "stats_person_first", "stats_people_monthly", "stats_monthly"]) {
    await db.schema.dropTable(table).execute();
  }
}
