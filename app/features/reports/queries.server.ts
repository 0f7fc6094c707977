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

/** Sums per indicator, category and month of additive indicators. */
export async function countSeries(db: DbOrTrx, indicators: string[], withCategories: string[], s: StatsScope) {
  if (!indicators.length) return [];
  const { rows } = await sql<{ indicator: string; category: string; month: string; value: number }>`
    select indicator, category, to_char(month, 'YYYY-MM') as month, sum(value)::float8 as value
    from stats_monthly
    where indicator = any(${sql.val(indicators)}::text[])
      and commune = ${s.commune ?? "*"} and audience = ${s.audience ?? "*"}
      and month between ${s.from}::date and ${s.to}::date ${spaceFilter(s)}
      and (category = '*' or indicator = any(${sql.val(withCategories)}::text[]))
    group by indicator, category, month`.execute(db);
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

export interface PeopleGroup {
  key: string;
  indicators: string[];
  category?: string;
  audience?: string;
}

function peopleWhere(g: { indicators: string[]; category?: string; audience?: string }, s: StatsScope) {
  return sql`indicator = any(${sql.val(g.indicators)}::text[])
    ${g.category ? sql`and category = ${g.category}` : sql``}
    ${s.commune ? sql`and commune = ${s.commune}` : sql``}
    ${g.audience ?? s.audience ? sql`and audience = ${g.audience ?? s.audience}` : sql``}
    ${spaceFilter(s)}`;
}

/**
 * Different people per group over `s` and over the previous period
 * (`previousFrom` up to the month before `s.from`), in one round trip.
 */
export async function peopleTotals(db: DbOrTrx, groups: PeopleGroup[], s: StatsScope, previousFrom: string) {
  if (!groups.length) return [];
  const parts = groups.map(
    (g) => sql`
      select ${g.key}::text as key,
        count(distinct person) filter (where month >= ${s.from}::date)::int as current,
        count(distinct person) filter (where month < ${s.from}::date)::int as previous
      from stats_people_monthly
      where ${peopleWhere(g, s)} and month between ${previousFrom}::date and ${s.to}::date`,
  );
  const { rows } = await sql<{ key: string; current: number; previous: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return rows;
}

/** Different people in each month (not additive: each month counted on its own). */
export async function peoplePerMonth(db: DbOrTrx, indicators: string[], s: StatsScope) {
  const { rows } = await sql<{ month: string; value: number }>`
    select to_char(month, 'YYYY-MM') as month, count(distinct person)::int as value
    from stats_people_monthly
    where ${peopleWhere({ indicators }, s)} and month between ${s.from}::date and ${s.to}::date
    group by month`.execute(db);
  return rows;
}

/** Different people per audience, commune or relay space over the period. */
export async function peopleBy(db: DbOrTrx, indicators: string[], by: "audience" | "commune" | "space", s: StatsScope) {
  const { rows } = await sql<{ key: string; value: number }>`
    select ${sql.ref(by)} as key, count(distinct person)::int as value
    from stats_people_monthly
    where ${peopleWhere({ indicators }, s)} and month between ${s.from}::date and ${s.to}::date
    group by ${sql.ref(by)}`.execute(db);
  return rows;
}

/**
 * Identified people of the period split by whether their first month ever
 * is inside it (first-time) or earlier (returning).
 */
export async function firstTimeSplit(db: DbOrTrx, indicator: string, s: StatsScope) {
  const row = await sql<{ first_time: number; returning: number }>`
    select count(distinct p.person) filter (where f.first_month >= ${s.from}::date)::int as first_time,
      count(distinct p.person) filter (where f.first_month < ${s.from}::date)::int as returning
    from stats_people_monthly p
    join stats_person_first f on f.indicator = p.indicator and f.person = p.person
    where p.indicator = ${indicator} and p.category = 'compte'
      ${s.commune ? sql`and p.commune = ${s.commune}` : sql``}
      ${s.audience ? sql`and p.audience = ${s.audience}` : sql``}
      ${s.space ? sql`and p.space = ${s.space}` : sql``}
      and p.month between ${s.from}::date and ${s.to}::date`.execute(db);
  return row.rows[0] ?? { first_time: 0, returning: 0 };
}

/** Communes that appear in the aggregates, for the filter. */
export async function knownCommunes(db: DbOrTrx) {
  const { rows } = await sql<{ commune: string }>`
    select distinct commune from stats_monthly where commune not in ('*', '') order by commune limit 200`.execute(db);
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
  return db.selectFrom("stats_source_state").select(["source", "refreshed_at", "changed_at", "last_error"]).execute();
}
