import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/** A month range as stored ('YYYY-MM-01', inclusive) and the dashboard filters. */
export interface StatsScope {
  from: string;
  to: string;
  space?: string;
  commune?: string;
  audience?: string;
}

const spaceFilter = (s: StatsScope) => (s.space ? sql`and space = ${s.space}` : sql``);

/** Sums per indicator, audience, category and month of additive indicators ('*' = all audiences). */
export async function countSeries(db: DbOrTrx, indicators: string[], withCategories: string[], s: StatsScope, audiences: string[]) {
  if (!indicators.length) return [];
  const { rows } = await sql<{ indicator: string; audience: string; category: string; month: string; value: number }>`
    select indicator, audience, category, to_char(month, 'YYYY-MM') as month, sum(value)::float8 as value
    from stats_monthly
    where indicator = any(${sql.val(indicators)}::text[])
      and commune = ${s.commune ?? "*"} and audience = any(${sql.val(audiences)}::text[])
      and month between ${s.from}::date and ${s.to}::date ${spaceFilter(s)}
      and (category = '*' or indicator = any(${sql.val(withCategories)}::text[]))
    group by indicator, audience, category, month`.execute(db);
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

/** Sums per relay space of additive indicators. */
export async function countBySpace(db: DbOrTrx, indicators: string[], s: StatsScope) {
  if (!indicators.length) return [];
  const { rows } = await sql<{ indicator: string; space: string; value: number }>`
    select indicator, space, sum(value)::float8 as value
    from stats_monthly
    where indicator = any(${sql.val(indicators)}::text[]) and category = '*'
      and commune = ${s.commune ?? "*"} and audience = ${s.audience ?? "*"}
      and month between ${s.from}::date and ${s.to}::date ${spaceFilter(s)}
    group by indicator, space`.execute(db);
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

/** Sums of an additive indicator per audience or per commune (the other one filtered or '*'). */
export async function countByProfile(db: DbOrTrx, indicator: string, by: "audience" | "commune", s: StatsScope) {
  const other = by === "audience" ? "commune" : "audience";
  const chosen = by === "audience" ? s.audience : s.commune;
  const { rows } = await sql<{ key: string; value: number }>`
    select ${sql.ref(by)} as key, sum(value)::float8 as value
    from stats_monthly
    where indicator = ${indicator} and category = '*' and ${sql.ref(other)} = ${(by === "audience" ? s.commune : s.audience) ?? "*"}
      and ${chosen ? sql`${sql.ref(by)} = ${chosen}` : sql`${sql.ref(by)} <> '*'`}
      and month between ${s.from}::date and ${s.to}::date ${spaceFilter(s)}
    group by ${sql.ref(by)}`.execute(db);
  return rows.map((r) => ({ key: r.key, value: Number(r.value) }));
}

export interface PeopleGroup {
  key: string;
  indicators: string[];
  category?: string;
  audience?: string;
}

/** The first day of each month of a range, as the date[] the people rows hold. */
export function monthSet(from: string, to: string) {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
    out.push(`${m}-01`);
    const [y, mm] = m.split("-").map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, "0")}`;
  }
  return sql`${sql.val(out)}::date[]`;
}

function peopleWhere(g: { indicators: string[]; category?: string; audience?: string }, s: StatsScope) {
  return sql`indicator = any(${sql.val(g.indicators)}::text[]) and category = ${g.category ?? ""}
    ${g.audience ?? s.audience ? sql`and audience = ${g.audience ?? s.audience}` : sql``}
    ${s.commune ? sql`and commune = ${s.commune}` : sql``}
    ${spaceFilter(s)}`;
}

/**
 * Different people per group over `s` and over the previous period
 * (`previousFrom` up to the month before `s.from`), in one round trip: each
 * person folded once with a flag per period (array overlaps on their months).
 */
export async function peopleTotals(db: DbOrTrx, groups: PeopleGroup[], s: StatsScope, previousFrom: string) {
  if (!groups.length) return [];
  const current = monthSet(s.from, s.to);
  const before = monthSet(previousFrom, previousMonth(s.from));
  const parts = groups.map(
    (g) => sql`
      select ${g.key}::text as key, count(*) filter (where cur)::int as current, count(*) filter (where prev)::int as previous
      from (
        select person, bool_or(months && ${current}) as cur, bool_or(months && ${before}) as prev
        from stats_people
        where ${peopleWhere(g, s)} and (months && ${current} or months && ${before})
        group by person) x`,
  );
  const { rows } = await sql<{ key: string; current: number; previous: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return rows;
}

function previousMonth(monthStartDate: string) {
  const [y, m] = monthStartDate.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, "0")}-01`;
}

/** Different people in each month of the period (each month counted on its own). */
export async function peoplePerMonth(db: DbOrTrx, indicators: string[], s: StatsScope) {
  const { rows } = await sql<{ month: string; value: number }>`
    select to_char(m, 'YYYY-MM') as month, count(distinct person)::int as value
    from stats_people cross join lateral unnest(months) m
    where ${peopleWhere({ indicators }, s)} and months && ${monthSet(s.from, s.to)} and m between ${s.from}::date and ${s.to}::date
    group by m`.execute(db);
  return rows;
}

/** Different people per audience, commune or relay space over the period. */
export async function peopleBy(db: DbOrTrx, indicators: string[], by: "audience" | "commune" | "space", s: StatsScope) {
  const { rows } = await sql<{ key: string; value: number }>`
    select key, count(*)::int as value
    from (select distinct ${sql.ref(by)} as key, person from stats_people
          where ${peopleWhere({ indicators }, s)} and months && ${monthSet(s.from, s.to)}) x
    group by key`.execute(db);
  return rows;
}

/**
 * People with an account, in the period and in the previous one, split by
 * whether their first month ever is inside that period (first-time) or
 * earlier (returning).
 */
export async function firstTimeSplit(db: DbOrTrx, indicator: string, s: StatsScope, previousFrom: string) {
  const current = monthSet(s.from, s.to);
  const before = monthSet(previousFrom, previousMonth(s.from));
  const row = await sql<{ first_time: number; returning: number; previous_first_time: number; previous_returning: number }>`
    select count(*) filter (where x.cur and f.first_month >= ${s.from}::date)::int as first_time,
      count(*) filter (where x.cur and f.first_month < ${s.from}::date)::int as returning,
      count(*) filter (where x.prev and f.first_month >= ${previousFrom}::date)::int as previous_first_time,
      count(*) filter (where x.prev and f.first_month < ${previousFrom}::date)::int as previous_returning
    from (
      select person, bool_or(months && ${current}) as cur, bool_or(months && ${before}) as prev
      from stats_people
      where ${peopleWhere({ indicators: [indicator] }, s)} and (months && ${current} or months && ${before})
      group by person) x
    join stats_person_first f on f.indicator = ${indicator} and f.person = x.person`.execute(db);
  return row.rows[0] ?? { first_time: 0, returning: 0, previous_first_time: 0, previous_returning: 0 };
}

/** Communes that appear in the aggregates, for the filter. */
export async function knownCommunes(db: DbOrTrx) {
  // The people-counting indicators carry every commune; each is an index range (indicator, commune…).
  const { rows } = await sql<{ commune: string }>`
    select distinct commune from stats_monthly
    where indicator = any(array['mediation.accompaniments', 'workshops.bookings', 'courses.enrolments', 'classes.registrations'])
      and commune not in ('*', '') order by commune limit 200`.execute(db);
  return rows.map((r) => r.commune);
}

export function listSpaces(db: DbOrTrx) {
  return db.selectFrom("relay_space").select(["id", "name", "commune", "archived_at"]).orderBy("name").execute();
}

export async function countPublishedSpaces(db: DbOrTrx) {
  const row = await db
    .selectFrom("relay_space")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function sourceStates(db: DbOrTrx) {
  return db.selectFrom("stats_source_state").select(["source", "refreshed_at", "changed_at", "last_error", "failed_at", "error_ref"]).execute();
}

/**
 * A failed refresh of one source: the error and its reference on the
 * source's row, created when the source never succeeded (no refresh time;
 * the epoch watermark makes its first success a full rebuild).
 */
export async function recordSourceFailure(db: DbOrTrx, source: string, message: string, errorRef: string) {
  const epoch = new Date(0);
  await db
    .insertInto("stats_source_state")
    .values({ source, watermark: epoch, full_rebuild_at: epoch, changed_at: epoch, refreshed_at: null, last_error: message, error_ref: errorRef, failed_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column("source").doUpdateSet({ last_error: message, error_ref: errorRef, failed_at: sql<Date>`now()` }))
    .execute();
}

// ---- Source states, as the refresh writes them ----

/** One source's state row, read inside the refresh's transaction. */
export function sourceState(db: DbOrTrx, source: string) {
  return db.selectFrom("stats_source_state").selectAll().where("source", "=", source).executeTakeFirst();
}

/** Every source's whole state row, by name. */
export function allSourceStates(db: DbOrTrx) {
  return db.selectFrom("stats_source_state").selectAll().orderBy("source").execute();
}

export interface SourceRefreshed {
  watermark: Date;
  refreshed_at: Date;
  full_rebuild_at?: Date;
  changed_at?: Date;
  last_error: null;
  failed_at: null;
  error_ref: null;
}

/** A successful refresh of one source: its row created on the first one, updated after. */
export async function recordSourceRefresh(db: DbOrTrx, source: string, at: Date, values: SourceRefreshed) {
  await db
    .insertInto("stats_source_state")
    .values({ source, full_rebuild_at: at, changed_at: at, ...values })
    .onConflict((oc) => oc.column("source").doUpdateSet(values))
    .execute();
}

// ---- The dashboard's stored views (cache.server.ts) ----

/** What a stored view's version is made of: each source's last change, and the relay spaces. */
export async function dashboardVersionInputs(db: DbOrTrx) {
  const [states, spaces] = await Promise.all([
    db.selectFrom("stats_source_state").select(["source", "changed_at", "refreshed_at", "last_error"]).orderBy("source").execute(),
    sql<{ n: string; last: Date | null }>`select count(*)::text as n, max(updated_at) as last from relay_space`.execute(db),
  ]);
  return { states, spaces: spaces.rows[0] };
}

export function storedDashboard(db: DbOrTrx, key: string, version: string) {
  return db.selectFrom("stats_dashboard_cache").select("data").where("key", "=", key).where("version", "=", version).executeTakeFirst();
}

export async function storeDashboard(db: DbOrTrx, key: string, version: string, data: string) {
  await db
    .insertInto("stats_dashboard_cache")
    .values({ key, version, data })
    .onConflict((oc) => oc.column("key").doUpdateSet({ version, data, created_at: new Date() }))
    .execute();
}

export async function deleteStoredDashboards(db: DbOrTrx, olderThan: Date) {
  const result = await db.deleteFrom("stats_dashboard_cache").where("created_at", "<", olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- Yearly reports (report-jobs.server.ts) ----

export function insertReportJob(db: DbOrTrx, job: { year: number; locale: "fr" | "en"; requestedBy: string }) {
  return db
    .insertInto("report_job")
    .values({ year: job.year, locale: job.locale, requested_by: job.requestedBy, step: "queued" })
    .returning(["id", "year"])
    .executeTakeFirstOrThrow();
}

export function latestReportJobs(db: DbOrTrx, limit: number) {
  return db
    .selectFrom("report_job")
    .select(["id", "year", "status", "progress", "step", "created_at", "finished_at", "page_count", "error"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export function findReportJob(db: DbOrTrx, id: string) {
  return db.selectFrom("report_job").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function setReportProgress(db: DbOrTrx, id: string, progress: number, step: string) {
  await db.updateTable("report_job").set({ progress, step }).where("id", "=", id).execute();
}

export async function finishReportJob(db: DbOrTrx, id: string, files: { pdfKey: string; csvKey: string; pageCount: number }) {
  await db
    .updateTable("report_job")
    .set({ status: "done", progress: 100, step: "done", pdf_key: files.pdfKey, csv_key: files.csvKey, page_count: files.pageCount, finished_at: new Date(), locked_until: null, error: null })
    .where("id", "=", id)
    .execute();
}

/** A failed build: queued again for another attempt, or failed for good. */
export async function releaseFailedReportJob(db: DbOrTrx, id: string, failed: boolean, error: string) {
  await db
    .updateTable("report_job")
    .set({ status: failed ? "failed" : "queued", error, locked_until: null })
    .where("id", "=", id)
    .execute();
}

// ---- Personal data ----

/** A person's pseudonymous id in the aggregates replaced by `stranger`; their report requests kept without them. */
export async function forgetPersonInStats(db: DbOrTrx, userId: string, stranger: string) {
  await db.updateTable("stats_people").set({ person: stranger }).where("person", "=", userId).execute();
  await db.updateTable("stats_person_first").set({ person: stranger }).where("person", "=", userId).execute();
  await db.updateTable("report_job").set({ requested_by: null }).where("requested_by", "=", userId).execute();
}
