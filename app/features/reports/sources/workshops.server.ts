import { sql } from "kysely";
import type { StatsSource } from "./source";
import { audienceOf, communeOf, inMonths, insertCounts, insertPeople, monthOf, monthsFrom, type Months, type Trx } from "./sql.server";

// Everything is dated by the workshop's start: seats filled in March are seats of March's workshops.
const month = monthOf("w.starts_at");
const space = sql`coalesce(w.relay_space_id::text, '')`;
const commune = communeOf("u.commune");
const audience = audienceOf("u.audience", "u.age_band", "null");

function workshops(months: Months, amount = sql`1`) {
  return sql`
    select w.id as unit, ${month} as month, ${space} as space, '*' as commune, '*' as audience, '*' as category, ${amount} as amount
    from workshop w
    where w.cancelled_at is null and ${inMonths(month, months)}`;
}

function bookings(months: Months, status: "confirmed" | "waitlisted") {
  return sql`
    select bk.id as unit, ${month} as month, ${space} as space, ${commune} as commune, ${audience} as audience, '*' as category, 1 as amount
    from booking bk
    join workshop w on w.id = bk.workshop_id
    join app_user u on u.id = bk.user_id
    where w.cancelled_at is null and bk.status = ${status} and ${inMonths(month, months)}`;
}

function attendance(months: Months, { bookedOnly = false } = {}) {
  const booked = bookedOnly
    ? sql`and exists (select 1 from booking bk where bk.workshop_id = at.workshop_id and bk.user_id = at.user_id and bk.status = 'confirmed')`
    : sql``;
  return sql`
    select at.workshop_id::text || ':' || at.user_id::text as unit, ${month} as month, ${space} as space,
      ${commune} as commune, ${audience} as audience, '*' as category, 1 as amount
    from attendance at
    join workshop w on w.id = at.workshop_id
    join app_user u on u.id = at.user_id
    where w.cancelled_at is null and ${inMonths(month, months)} ${booked}`;
}

export const workshopsSource: StatsSource = {
  name: "workshops",
  tables: ["workshop", "booking", "attendance"],
  counts: [
    "workshops.sessions",
    "workshops.seats",
    "workshops.bookings",
    "workshops.waitlist",
    "workshops.attendance",
    "workshops.attended_booked",
  ],
  people: ["workshops.people"],

  changedMonths(db, since) {
    return monthsFrom(
      db,
      sql`select ${month} as month from workshop w where w.updated_at > ${since} or w.created_at > ${since}
        union select ${month} from booking bk join workshop w on w.id = bk.workshop_id
          where greatest(bk.created_at, bk.promoted_at, bk.cancelled_at) > ${since}
        union select ${month} from attendance at join workshop w on w.id = at.workshop_id where at.checked_in_at > ${since}`,
    );
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, { indicator: "workshops.sessions", facts: workshops(months), categoryTotal: false, byProfile: false, uniqueUnits: true });
    await insertCounts(trx, { indicator: "workshops.seats", facts: workshops(months, sql`w.seats`), categoryTotal: false, byProfile: false, uniqueUnits: true });
    await insertCounts(trx, { indicator: "workshops.bookings", facts: bookings(months, "confirmed"), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertCounts(trx, { indicator: "workshops.waitlist", facts: bookings(months, "waitlisted"), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertCounts(trx, { indicator: "workshops.attendance", facts: attendance(months), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertCounts(trx, {
      indicator: "workshops.attended_booked",
      facts: attendance(months, { bookedOnly: true }),
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertPeople(
      trx,
      "workshops.people",
      sql`select at.user_id as person, ${month} as month, ${space} as space, ${commune} as commune, ${audience} as audience, '' as category
        from attendance at
        join workshop w on w.id = at.workshop_id
        join app_user u on u.id = at.user_id
        where w.cancelled_at is null and ${inMonths(month, months)}`,
    );
  },
};
