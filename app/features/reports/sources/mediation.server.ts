import { sql } from "kysely";
import type { StatsSource } from "./source";
import { audienceOf, communeOf, inMonths, insertCounts, insertPeople, monthOfDate, monthsFrom, type Months, type Trx } from "./sql.server";

/** Themes of the national vocabulary that are online administrative procedures (roadmap I.1.a). */
export const ADMIN_THEMES = [
  "aide_aux_demarches_administratives",
  "papiers_elections_citoyennete",
  "argent_impots",
  "social_sante",
  "logement",
  "famille_scolarite",
  "travail_formation",
  "transports_mobilite",
  "justice",
  "etrangers_europe",
] as const;

const month = monthOfDate("a.activity_date");

/** One row per activity and beneficiary (one row with no profile when nobody is listed). */
function facts(months: Months, { category = sql`a.activity_type`, amount = sql`1`, extraJoin = sql``, where = sql`true` } = {}) {
  return sql`
    select a.id as unit, ${month} as month, coalesce(a.relay_space_id::text, '') as space,
      ${communeOf("b.commune", "u.commune")} as commune,
      ${audienceOf("u.audience", "coalesce(b.age_band, u.age_band)", "b.social_status")} as audience,
      ${category} as category, ${amount} as amount
    from mediation_activity a
    left join mediation_beneficiary b on b.activity_id = a.id
    left join app_user u on u.id = b.user_id
    ${extraJoin}
    where ${inMonths(month, months)} and ${where}`;
}

/** People with an account (the same person every time they come): counted once per period. */
function people(months: Months, category = sql`''`, extraJoin = sql``) {
  return sql`
    select b.user_id as person, ${month} as month, coalesce(a.relay_space_id::text, '') as space,
      ${communeOf("b.commune", "u.commune")} as commune,
      ${audienceOf("u.audience", "coalesce(b.age_band, u.age_band)", "b.social_status")} as audience,
      ${category} as category
    from mediation_activity a
    join mediation_beneficiary b on b.activity_id = a.id and b.user_id is not null
    join app_user u on u.id = b.user_id
    ${extraJoin}
    where ${inMonths(month, months)}`;
}

/**
 * People without an account (an anonymous profile on one entry) cannot be
 * recognised when they come back: each profile is one person, so they are
 * added up like any count (one unit per beneficiary row).
 */
function anonymousPeople(months: Months, category = sql`'*'`, extraJoin = sql``) {
  return sql`
    select b.id as unit, ${month} as month, coalesce(a.relay_space_id::text, '') as space,
      ${communeOf("b.commune")} as commune, ${audienceOf("null", "b.age_band", "b.social_status")} as audience,
      ${category} as category, 1 as amount
    from mediation_activity a
    join mediation_beneficiary b on b.activity_id = a.id and b.user_id is null
    ${extraJoin}
    where ${inMonths(month, months)}`;
}

const themes = sql`cross join lateral unnest(a.themes) t(theme)`;

export const mediationSource: StatsSource = {
  name: "mediation",
  tables: ["mediation_activity", "mediation_beneficiary"],
  counts: [
    "mediation.accompaniments",
    "mediation.minutes",
    "mediation.themes",
    "mediation.autonomy",
    "mediation.admin",
    "mediation.anonymous_participants",
    "mediation.anonymous_people",
    "mediation.anonymous_theme",
    "mediation.people_month",
  ],
  people: ["mediation.people", "mediation.people_theme"],
  firstTime: ["mediation.people"],

  changedMonths(db, since) {
    return monthsFrom(db, sql`select ${month} as month from mediation_activity a where a.updated_at > ${since} or a.created_at > ${since}`);
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, { indicator: "mediation.accompaniments", facts: facts(months), categoryTotal: true, byProfile: true });
    await insertCounts(trx, {
      indicator: "mediation.minutes",
      facts: facts(months, { amount: sql`a.duration_minutes` }),
      categoryTotal: true,
      byProfile: true,
    });
    await insertCounts(trx, {
      indicator: "mediation.themes",
      facts: facts(months, { category: sql`t.theme`, extraJoin: themes }),
      categoryTotal: false,
      byProfile: true,
    });
    await insertCounts(trx, {
      indicator: "mediation.autonomy",
      facts: facts(months, { category: sql`coalesce(a.autonomy, '')` }),
      categoryTotal: false,
      byProfile: true,
    });
    await insertCounts(trx, {
      indicator: "mediation.admin",
      facts: facts(months, { category: sql`'*'`, where: sql`a.themes && ${sql.val([...ADMIN_THEMES])}::text[]` }),
      categoryTotal: false,
      byProfile: true,
    });
    await insertCounts(trx, {
      indicator: "mediation.anonymous_participants",
      facts: sql`
        select a.id as unit, ${month} as month, coalesce(a.relay_space_id::text, '') as space, '' as commune, '' as audience,
          '*' as category, a.anonymous_participants as amount
        from mediation_activity a
        where ${inMonths(month, months)} and a.anonymous_participants > 0`,
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertCounts(trx, {
      indicator: "mediation.anonymous_people",
      facts: anonymousPeople(months),
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertCounts(trx, {
      indicator: "mediation.anonymous_theme",
      facts: anonymousPeople(months, sql`t.theme`, themes),
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    // People with an account per month, for the monthly chart: distinct within each month, so additive
    // over months; space '*' because one person may visit two spaces in a month (a space filter reads stats_people).
    await insertCounts(trx, {
      indicator: "mediation.people_month",
      facts: sql`select p.person as unit, p.month, '*' as space, p.commune, p.audience, '*' as category, 1 as amount
        from (${people(months)}) p`,
      categoryTotal: false,
      byProfile: true,
    });
    await insertPeople(trx, "mediation.people", people(months));
    await insertPeople(trx, "mediation.people_theme", people(months, sql`t.theme`, themes));
  },
};

