import { sql } from "kysely";
import type { StatsSource } from "./source";
import { audienceOf, communeOf, inMonths, insertCounts, insertPeople, monthOf, monthsFrom, type Months, type Trx } from "./sql.server";

// Virtual classes are online: no relay space. Dated by the class's start.
const month = monthOf("c.starts_at");
const commune = communeOf("u.commune");
const audience = audienceOf("u.audience", "u.age_band", "null");

/** Registered learners who joined the room at least once. */
function attended(months: Months) {
  return sql`
    select distinct r.classroom_id::text || ':' || r.user_id::text as unit, r.user_id as person, ${month} as month, '' as space,
      ${commune} as commune, ${audience} as audience, '*' as category, 1 as amount
    from classroom_registration r
    join classroom c on c.id = r.classroom_id
    join app_user u on u.id = r.user_id
    where c.cancelled_at is null and r.removed_at is null and ${inMonths(month, months)}
      and exists (select 1 from classroom_presence p where p.classroom_id = r.classroom_id and p.user_id = r.user_id and p.joined_at is not null)`;
}

export const classroomsSource: StatsSource = {
  name: "classrooms",
  tables: ["classroom", "classroom_registration", "classroom_presence"],
  counts: ["classes.sessions", "classes.registrations", "classes.attended"],
  people: ["classes.people"],

  changedMonths(db, since) {
    return monthsFrom(
      db,
      sql`select ${month} as month from classroom c where c.updated_at > ${since} or c.created_at > ${since}
        union select ${month} from classroom_registration r join classroom c on c.id = r.classroom_id
          where greatest(r.registered_at, r.removed_at) > ${since}
        union select ${month} from classroom_presence p join classroom c on c.id = p.classroom_id
          where greatest(p.joined_at, p.left_at) > ${since}`,
    );
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, {
      indicator: "classes.sessions",
      facts: sql`select c.id as unit, ${month} as month, '' as space, '*' as commune, '*' as audience, '*' as category, 1 as amount
        from classroom c where c.cancelled_at is null and ${inMonths(month, months)}`,
      categoryTotal: false,
      byProfile: false,
      uniqueUnits: true,
    });
    await insertCounts(trx, {
      indicator: "classes.registrations",
      facts: sql`select r.classroom_id::text || ':' || r.user_id::text as unit, ${month} as month, '' as space,
          ${commune} as commune, ${audience} as audience, '*' as category, 1 as amount
        from classroom_registration r
        join classroom c on c.id = r.classroom_id
        join app_user u on u.id = r.user_id
        where c.cancelled_at is null and r.removed_at is null and ${inMonths(month, months)}`,
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertCounts(trx, { indicator: "classes.attended", facts: attended(months), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertPeople(trx, "classes.people", sql`select person, month, space, commune, audience, '' as category from (${attended(months)}) x`);
  },
};
