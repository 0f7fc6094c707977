import { sql, type RawBuilder } from "kysely";
import type { StatsSource } from "./source";
import { audienceOf, communeOf, inMonths, insertCounts, insertPeople, monthOf, monthsFrom, type Months, type Trx } from "./sql.server";

const month = monthOf("s.timestamp");
const commune = communeOf("u.commune");
const audience = audienceOf("u.audience", "u.age_band", "null");

const live = sql`not s.voided and s.voids_statement_id is null`;

/**
 * A statement's learner: an account whose name is one of our user ids (the
 * agent the app writes), or an mbox that is a user's address; other actors
 * are counted under a stable pseudonym (md5 of the actor key) with no profile.
 * Resolved once per distinct actor, then joined to the statements by key
 * (a million statements come from a few thousand actors).
 *
 * The account join compares text, never casts the key: PostgreSQL may
 * evaluate a cast in a join condition on rows a pattern beside it was meant
 * to exclude (mbox_sha1sum, openid, groups…), and one such row failed the
 * whole refresh. `substring` is null when the key is not ours, so no row can
 * make this join fail whatever its actor kind.
 */
function withLearners(months: Months, body: RawBuilder<unknown>) {
  return sql`
    with actor as (
      select k.actor_key, coalesce(ua.id, um.id) as id, coalesce(ua.commune, um.commune) as commune,
        coalesce(ua.audience, um.audience) as audience, coalesce(ua.age_band, um.age_band) as age_band
      from (select distinct s.actor_key from xapi_statement s where ${live} and ${inMonths(month, months)}) k
      left join app_user ua on ua.id::text = substring(k.actor_key from '^account:\\S+ ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$')
      left join app_user um on ua.id is null and k.actor_key like 'mbox:mailto:%' and um.email = lower(substring(k.actor_key from 13))
    )
    ${body}`;
}


/**
 * Minutes of an ISO 8601 duration (result.duration), days and the time part
 * only (years and months are not used by learning tools); capped at 8 hours
 * so that one runaway session does not swamp a month.
 */
const minutes = sql`least(480, coalesce(
  coalesce(substring(d.value from '^P([0-9.]+)D')::numeric, 0) * 1440
  + coalesce(substring(substring(d.value from 'T(.*)$') from '([0-9.]+)H')::numeric, 0) * 60
  + coalesce(substring(substring(d.value from 'T(.*)$') from '([0-9.]+)M')::numeric, 0)
  + coalesce(substring(substring(d.value from 'T(.*)$') from '([0-9.]+)S')::numeric, 0) / 60, 0))`;

/** Verbs that close an attempt: their duration is the time spent on it (answers inside it are not added again). */
const CLOSING_VERBS = ["http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/terminated"];

export const xapiSource: StatsSource = {
  name: "xapi",
  tables: ["xapi_statement"],
  counts: ["xapi.statements", "xapi.minutes"],
  people: ["xapi.active"],

  changedMonths(db, since) {
    // Statements are immutable; voiding stores a new statement, so `stored` sees every change.
    return monthsFrom(
      db,
      sql`select ${month} as month from xapi_statement s where s.stored > ${since}
        union select ${month} from xapi_statement v join xapi_statement s on s.id = v.voids_statement_id where v.stored > ${since}`,
    );
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, {
      indicator: "xapi.statements",
      facts: withLearners(
        months,
        sql`select s.id as unit, ${month} as month, '' as space, ${commune} as commune, ${audience} as audience, '*' as category, 1 as amount
          from xapi_statement s join actor u on u.actor_key = s.actor_key where ${live} and ${inMonths(month, months)}`,
      ),
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertCounts(trx, {
      indicator: "xapi.minutes",
      facts: withLearners(
        months,
        sql`select s.id as unit, ${month} as month, '' as space, ${commune} as commune, ${audience} as audience, '*' as category, ${minutes} as amount
          from xapi_statement s join actor u on u.actor_key = s.actor_key
          cross join lateral (select s.statement->'result'->>'duration' as value) d
          where ${live} and ${inMonths(month, months)} and d.value is not null and s.verb_id = any(${sql.val(CLOSING_VERBS)}::text[])`,
      ),
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertPeople(
      trx,
      "xapi.active",
      withLearners(
        months,
        sql`select distinct coalesce(u.id, md5(s.actor_key)::uuid) as person, ${month} as month, '' as space,
            ${commune} as commune, ${audience} as audience, '' as category
          from xapi_statement s join actor u on u.actor_key = s.actor_key where ${live} and ${inMonths(month, months)}`,
      ),
    );
  },
};
