import { sql } from "kysely";
import type { StatsSource } from "./source";
import { audienceOf, communeOf, inMonths, insertCounts, insertPeople, monthOf, monthsFrom, type Months, type Trx } from "./sql.server";

// Self-paced courses happen online: no relay space. Profile from the learner's account.
const commune = communeOf("u.commune");
const audience = audienceOf("u.audience", "u.age_band", "null");

function enrolments(months: Months, column: "enrolled_at" | "completed_at") {
  const month = monthOf(`e.${column}`);
  return sql`
    select e.user_id::text || ':' || e.course_id::text as unit, ${month} as month, '' as space,
      ${commune} as commune, ${audience} as audience, '*' as category, 1 as amount
    from enrolment e
    join app_user u on u.id = e.user_id
    where e.${sql.raw(column)} is not null and ${inMonths(month, months)}`;
}

/** Lessons finished in the month (not those in a course's trash); `amount` is the lesson's estimated length (minutes). */
function completedLessons(months: Months, amount: "one" | "minutes") {
  const month = monthOf("p.completed_at");
  return sql`
    select p.user_id::text || ':' || p.lesson_id::text as unit, ${month} as month, '' as space,
      ${commune} as commune, ${audience} as audience, '*' as category,
      ${amount === "one" ? sql`1` : sql`l.estimated_minutes`} as amount
    from lesson_progress p
    join lesson l on l.id = p.lesson_id
    join app_user u on u.id = p.user_id
    where p.completed_at is not null and l.deleted_at is null and ${inMonths(month, months)}`;
}

/** A learner is active in a month when they enrolled, opened or finished a lesson in it. */
function activeLearners(months: Months) {
  return sql`
    select x.user_id as person, x.month, '' as space, ${commune} as commune, ${audience} as audience, '' as category
    from (
      select user_id, ${monthOf("enrolled_at")} as month from enrolment
      union select user_id, ${monthOf("started_at")} from lesson_progress
      union select user_id, ${monthOf("completed_at")} from lesson_progress where completed_at is not null
    ) x
    join app_user u on u.id = x.user_id
    where ${inMonths(sql.raw("x.month"), months)}`;
}

export const coursesSource: StatsSource = {
  name: "courses",
  tables: ["enrolment", "lesson_progress", "lesson"],
  counts: ["courses.enrolments", "courses.completions", "courses.lessons_completed", "courses.minutes"],
  people: ["courses.active"],

  changedMonths(db, since) {
    return monthsFrom(
      db,
      sql`select ${monthOf("enrolled_at")} as month from enrolment where updated_at > ${since} or enrolled_at > ${since}
        union select ${monthOf("completed_at")} from enrolment where updated_at > ${since} and completed_at is not null
        union select ${monthOf("started_at")} from lesson_progress where updated_at > ${since} or started_at > ${since}
        union select ${monthOf("completed_at")} from lesson_progress where updated_at > ${since} and completed_at is not null
        union select ${monthOf("p.completed_at")} from lesson_progress p join lesson l on l.id = p.lesson_id where l.updated_at > ${since} and p.completed_at is not null`,
    );
  },

  async write(trx: Trx, months: Months) {
    await insertCounts(trx, { indicator: "courses.enrolments", facts: enrolments(months, "enrolled_at"), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertCounts(trx, { indicator: "courses.completions", facts: enrolments(months, "completed_at"), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertCounts(trx, {
      indicator: "courses.lessons_completed",
      facts: completedLessons(months, "one"),
      categoryTotal: false,
      byProfile: true,
      uniqueUnits: true,
    });
    await insertCounts(trx, { indicator: "courses.minutes", facts: completedLessons(months, "minutes"), categoryTotal: false, byProfile: true, uniqueUnits: true });
    await insertPeople(trx, "courses.active", activeLearners(months));
  },
};
