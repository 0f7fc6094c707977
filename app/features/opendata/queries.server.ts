import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/** Spaces in the public directory (archived ones leave it), with every column the national schema needs. */
export function listPublishedSpaces(db: DbOrTrx) {
  return db
    .selectFrom("relay_space")
    .select([
      "id",
      "pivot",
      "name",
      "commune",
      "postal_code",
      "insee_code",
      "address",
      "address_complement",
      "latitude",
      "longitude",
      "typology",
      "phone",
      "emails",
      "websites",
      "opening_hours",
      "summary",
      "description",
      "itinerance",
      "parent_structure",
      "services",
      "audiences",
      "specific_support",
      "fees",
      "national_programmes",
      "trainings_labels",
      "other_trainings_labels",
      "access_modalities",
      "accompaniment_modalities",
      "accessibility_url",
      "booking_url",
      "updated_at",
    ])
    .where("archived_at", "is", null)
    .orderBy("commune")
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** Latest change to any space, archived ones included (an archival changes the published list). */
export async function spacesLastChange(db: DbOrTrx): Promise<Date | null> {
  const row = await db
    .selectFrom("relay_space")
    .select(sql<Date | null>`max(updated_at)`.as("last"))
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : null;
}

/** The stored bytes of one anonymised file, by name. */
export function findFile(db: DbOrTrx, name: string) {
  return db.selectFrom("opendata_file").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function findFileTag(db: DbOrTrx, name: string) {
  return (await db.selectFrom("opendata_file").select("etag").where("name", "=", name).executeTakeFirst())?.etag ?? null;
}

export async function saveFile(db: DbOrTrx, file: { name: string; content_type: string; body: string; etag: string; modified_at: Date }) {
  const { body, etag, modified_at, content_type } = file;
  await db
    .insertInto("opendata_file")
    .values(file)
    .onConflict((oc) => oc.column("name").doUpdateSet({ body, etag, modified_at, content_type }))
    .execute();
}

/* The activity datasets' cells, from the reports' pre-aggregated tables (complete months before `before`) */

/** People with an account (distinct per cell), unfolded from their months. */
const identified = (indicator: string, before: string) => sql`
  select p.commune, p.audience, p.category, p.person, m
  from stats_people p cross join lateral unnest(p.months) m
  where p.indicator = ${indicator} and m < ${before}::date`;

/** Distinct people per month × commune × theme, with the commune total (commune null) and the all-themes count (theme null). */
export async function countPeopleByCommuneTheme(db: DbOrTrx, before: string) {
  const { rows } = await sql<{ m: string; commune: string | null; theme: string | null; n: number }>`
    select to_char(m, 'YYYY-MM') as m, case when grouping(commune) = 1 then null else commune end as commune,
      category as theme, count(distinct person)::int as n
    from (${identified("mediation.people_theme", before)}) x
    group by grouping sets ((m, commune, category), (m, category))
    union all
    select to_char(m, 'YYYY-MM'), case when grouping(commune) = 1 then null else commune end, null, count(distinct person)::int
    from (${identified("mediation.people", before)}) x
    group by grouping sets ((m, commune), (m))`.execute(db);
  return rows;
}

/** People without an account and accompaniments, which add up, per month × commune × theme. */
export async function sumActivityByCommuneTheme(db: DbOrTrx, before: string) {
  const { rows } = await sql<{ indicator: string; m: string; commune: string; theme: string; n: number }>`
    select indicator, to_char(month, 'YYYY-MM') as m, commune, category as theme, sum(value)::float8 as n
    from stats_monthly
    where audience = '*' and month < ${before}::date
      and (indicator in ('mediation.themes', 'mediation.anonymous_theme')
        or (indicator in ('mediation.accompaniments', 'mediation.anonymous_people') and category = '*'))
    group by indicator, month, commune, category`.execute(db);
  return rows;
}

/** Distinct people per year × month × audience, with every subtotal (a null month or audience). */
export async function countPeopleByMonthAudience(db: DbOrTrx, before: string) {
  const { rows } = await sql<{ y: string; m: string | null; audience: string | null; n: number }>`
    select y, case when grouping(mm) = 1 then null else mm end as m,
      case when grouping(audience) = 1 then null else audience end as audience, count(distinct person)::int as n
    from (select to_char(m, 'YYYY') as y, to_char(m, 'YYYY-MM') as mm, audience, person
          from (${identified("mediation.people", before)}) x) p
    group by grouping sets ((y, mm, audience), (y, mm), (y, audience), (y))`.execute(db);
  return rows;
}

/** People without an account and accompaniments per month × audience. */
export async function sumActivityByMonthAudience(db: DbOrTrx, before: string) {
  const { rows } = await sql<{ indicator: string; m: string; audience: string; n: number }>`
    select indicator, to_char(month, 'YYYY-MM') as m, audience, sum(value)::float8 as n
    from stats_monthly
    where indicator in ('mediation.accompaniments', 'mediation.anonymous_people') and commune = '*' and category = '*'
      and month < ${before}::date
    group by indicator, month, audience`.execute(db);
  return rows;
}
