import { sql } from "kysely";
import type { StatsSource } from "./source";
import { audienceOf, communeOf, inMonths, insertCounts, insertPeople, monthOf, monthsFrom, type Months, type Trx } from "./sql.server";

const commune = communeOf("u.commune");
const audience = audienceOf("u.audience", "u.age_band", "null");
const badgeMonth = monthOf("b.issued_at");

/** Open Badges issued (and not revoked) for paths and courses; category = path or course. */
export const badgesSource: StatsSource = {
  name: "badges",
  tables: ["badge", "achievement"],
  counts: ["paths.badges"],
  people: ["paths.badge_holders"],

  changedMonths(db, since) {
    return monthsFrom(db, sql`select ${badgeMonth} as month from badge b where b.issued_at > ${since} or b.revoked_at > ${since}`);
  },

  async write(trx: Trx, months: Months) {
    const facts = sql`
      select b.id as unit, b.user_id as person, ${badgeMonth} as month, '' as space, ${commune} as commune, ${audience} as audience,
        a.kind as category, 1 as amount
      from badge b
      join achievement a on a.id = b.achievement_id
      join app_user u on u.id = b.user_id
      where b.revoked_at is null and ${inMonths(badgeMonth, months)}`;
    await insertCounts(trx, { indicator: "paths.badges", facts, categoryTotal: true, byProfile: true, uniqueUnits: true });
    await insertPeople(trx, "paths.badge_holders", sql`select person, month, space, commune, audience, '' as category from (${facts}) f`);
  },
};

const diagnosticMonth = monthOf("d.created_at");

/**
 * Placement diagnostics (learners) and business visibility pre-diagnostics
 * (roadmap III.2.a, coaching numérique). Anonymous visitors count too.
 */
export const diagnosticsSource: StatsSource = {
  name: "diagnostics",
  tables: ["diagnostic_result", "business_diagnostic"],
  counts: ["paths.diagnostics", "business.diagnostics"],
  people: [],

  changedMonths(db, since) {
    return monthsFrom(
      db,
      sql`select ${diagnosticMonth} as month from diagnostic_result d where d.created_at > ${since}
        union select ${diagnosticMonth} from business_diagnostic d where d.created_at > ${since}`,
    );
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, {
      indicator: "paths.diagnostics",
      facts: sql`select d.id as unit, ${diagnosticMonth} as month, '' as space, ${commune} as commune, ${audience} as audience,
          d.goal as category, 1 as amount
        from diagnostic_result d left join app_user u on u.id = d.user_id
        where ${inMonths(diagnosticMonth, months)}`,
      categoryTotal: true,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertCounts(trx, {
      indicator: "business.diagnostics",
      facts: sql`select d.id as unit, ${diagnosticMonth} as month, '' as space, ${communeOf("d.commune", "u.commune")} as commune,
          coalesce(u.audience, 'entrepreneurs') as audience, '*' as category, 1 as amount
        from business_diagnostic d left join app_user u on u.id = d.user_id
        where ${inMonths(diagnosticMonth, months)}`,
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
  },
};

const choiceMonth = monthOf("c.chosen_at");

/**
 * Paths chosen by learners (« Je suis ce parcours »), in the month of the
 * choice; category = the path's slug. Leaving a path later does not take
 * the choice back: it was made. Choosing again after leaving counts again.
 */
export const pathChoicesSource: StatsSource = {
  name: "path_choices",
  tables: ["path_choice", "learning_path"],
  counts: ["paths.choices"],
  people: [],

  changedMonths(db, since) {
    // Choices are never deleted except with the account (the daily rebuild catches that).
    return monthsFrom(db, sql`select ${choiceMonth} as month from path_choice c where c.chosen_at > ${since} or c.left_at > ${since}`);
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, {
      indicator: "paths.choices",
      facts: sql`select c.id as unit, ${choiceMonth} as month, '' as space, ${commune} as commune, ${audience} as audience,
          p.slug as category, 1 as amount
        from path_choice c
        join learning_path p on p.id = c.path_id
        join app_user u on u.id = c.user_id
        where ${inMonths(choiceMonth, months)}`,
      categoryTotal: true,
      byProfile: true,
      uniqueUnits: true,
    });
  },
};
