import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../../../db/types";
import type { DbOrTrx } from "../../../lib/db.server";

/**
 * Building blocks shared by the source modules. Each source describes its
 * facts as a SELECT with fixed column names; these helpers turn it into rows
 * of the stats tables. SQL stays plain PostgreSQL 15 (no MERGE, no JSON_TABLE).
 */
export type Trx = Transaction<Database>;
export type Months = string[] | null;

/** First day of the month, in Europe/Paris, of a timestamptz expression. */
export const monthOf = (column: string) => sql.raw(`date_trunc('month', (${column}) at time zone 'Europe/Paris')::date`);
/** First day of the month of a `date` expression. */
export const monthOfDate = (column: string) => sql.raw(`date_trunc('month', ${column})::date`);

/** `true` for a full rebuild, else `<month expression> = any(months)`. */
export function inMonths(monthExpr: RawBuilder<unknown>, months: Months) {
  return months === null ? sql`true` : sql`${monthExpr} = any(${sql.val(months)}::date[])`;
}

/** A person's commune as recorded ('' when nobody wrote it down). */
export const communeOf = (...columns: string[]) =>
  sql.raw(`coalesce(nullif(btrim(coalesce(${columns.join(", ")})), ''), '')`);

/**
 * The audience of a person: the one recorded on the account, else derived
 * from the anonymous profile of the activity log (national codes): 60+ or
 * retired → seniors; no job → job seekers; under 25 or in school → young
 * people; any other known age → everyone else; unknown → ''.
 */
export function audienceOf(account: string, ageBand: string, socialStatus: string) {
  return sql.raw(`coalesce(${account}, case
    when ${ageBand} in ('soixante_soixante_neuf','soixante_dix_plus') or ${socialStatus} = 'retraite' then 'seniors'
    when ${socialStatus} = 'sans_emploi' then 'demandeurs_emploi'
    when ${ageBand} in ('moins_de_douze','douze_dix_huit','dix_huit_vingt_quatre') or ${socialStatus} = 'scolarise' then 'jeunes'
    when ${ageBand} is not null and ${ageBand} <> 'non_communique' then 'autre'
    else '' end)`);
}

export interface CountOptions {
  indicator: string;
  /**
   * Columns: unit (what is counted once), month, space, commune, audience,
   * category, amount. A unit may appear on several rows (one per
   * beneficiary, per theme…): each value of each dimension counts it once.
   */
  facts: RawBuilder<unknown>;
  /** Also write category '*' (all categories, each unit once). */
  categoryTotal: boolean;
  /** Break down by commune and audience (false for place-level facts such as seats offered). */
  byProfile: boolean;
  /**
   * Each unit sits on exactly one row (a statement, a booking): plain GROUPING
   * SETS then give the same result as the de-duplicating path, much faster.
   */
  uniqueUnits?: boolean;
}

/**
 * Writes additive counts: for each (month, space) the sum of `amount` over
 * distinct units, for every commune and '*', every audience and '*'.
 */
export async function insertCounts(trx: Trx, o: CountOptions) {
  if (o.uniqueUnits) return insertCountsOfUniqueUnits(trx, o);
  const communes = o.byProfile ? sql`(values (f.commune), ('*'))` : sql`(values ('*'))`;
  const audiences = o.byProfile ? sql`(values (f.audience), ('*'))` : sql`(values ('*'))`;
  const categories = o.categoryTotal ? sql`(values (f.category), ('*'))` : sql`(values (f.category))`;
  await sql`
    insert into stats_monthly (indicator, commune, audience, category, month, space, value)
    select ${o.indicator}, v.commune, v.audience, v.category, v.month, v.space, sum(v.amount)
    from (
      select distinct f.unit, f.month, f.space, f.amount, c.commune, a.audience, k.category
      from (${o.facts}) f
      cross join lateral ${communes} c(commune)
      cross join lateral ${audiences} a(audience)
      cross join lateral ${categories} k(category)
    ) v
    group by v.commune, v.audience, v.category, v.month, v.space
  `.execute(trx);
}

async function insertCountsOfUniqueUnits(trx: Trx, o: CountOptions) {
  const profiles = o.byProfile ? [["commune", "audience"], ["commune"], ["audience"], []] : [[]];
  const categories = o.categoryTotal ? [["category"], []] : [["category"]];
  const sets = profiles.flatMap((p) => categories.map((c) => `(month, space${[...p, ...c].map((d) => `, ${d}`).join("")})`));
  await sql`
    insert into stats_monthly (indicator, commune, audience, category, month, space, value)
    select ${o.indicator},
      ${o.byProfile ? sql`case when grouping(commune) = 1 then '*' else commune end` : sql`'*'`},
      ${o.byProfile ? sql`case when grouping(audience) = 1 then '*' else audience end` : sql`'*'`},
      ${o.categoryTotal ? sql`case when grouping(category) = 1 then '*' else category end` : sql`category`},
      month, space, sum(amount)
    from (${o.facts}) f
    group by grouping sets (${sql.raw(sets.join(", "))})
  `.execute(trx);
}

/**
 * Columns: person (uuid), month, space, commune, audience, category. Folds
 * the months into each person's row, adding to what other months already
 * recorded (the caller has taken the recomputed months out first).
 */
export async function insertPeople(trx: Trx, indicator: string, facts: RawBuilder<unknown>) {
  await sql`
    insert into stats_people (indicator, category, audience, commune, space, person, months)
    select ${indicator}, f.category, f.audience, f.commune, f.space, f.person, array_agg(distinct f.month order by f.month)
    from (${facts}) f
    where f.person is not null
    group by f.category, f.audience, f.commune, f.space, f.person
    on conflict (indicator, category, audience, commune, space, person) do update
      set months = (select array_agg(distinct m order by m) from unnest(stats_people.months || excluded.months) m)
  `.execute(trx);
}

/** Months (YYYY-MM-01) returned by a query with a `month` column. */
export async function monthsFrom(db: DbOrTrx, query: RawBuilder<unknown>): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`select distinct to_char(q.month, 'YYYY-MM-DD') as month from (${query}) q where q.month is not null`.execute(db);
  return rows.map((r) => r.month);
}
