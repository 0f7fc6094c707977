import { sql } from "kysely";
import type { Db } from "../../app/lib/db.server";

/**
 * Activity written straight into the other domains' tables (real Postgres,
 * real constraints), so that the reports can be checked against counts we
 * know by construction.
 */
let n = 0;
const next = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

export async function person(db: Db, { commune = null as string | null, audience = null as string | null, ageBand = null as string | null } = {}) {
  return db
    .insertInto("app_user")
    .values({ email: null, first_name: `P${next()}`, role: "learner", commune, audience, age_band: ageBand })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

export async function staff(db: Db, role: "mediator" | "coordinator" = "mediator") {
  return db
    .insertInto("app_user")
    .values({ email: `${role}-${next()}@test.passerelle.fr`, first_name: role, role })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

export async function space(db: Db, commune = "Rieux") {
  return db
    .insertInto("relay_space")
    .values({ slug: `espace-${next()}`, name: `Espace ${commune} ${next()}`, commune, postal_code: "60870", address: "1 place" })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

export interface Beneficiary {
  userId?: string;
  commune?: string;
  ageBand?: string;
  socialStatus?: string;
}

export async function accompaniment(
  db: Db,
  {
    date,
    type = "individuel",
    minutes = 30,
    themes = ["email"],
    spaceId = null as string | null,
    beneficiaries = [] as Beneficiary[],
    autonomy = null as string | null,
    anonymous = 0,
    mediatorId = null as string | null,
  }: {
    date: string;
    type?: "individuel" | "collectif";
    minutes?: number;
    themes?: string[];
    spaceId?: string | null;
    beneficiaries?: Beneficiary[];
    autonomy?: string | null;
    anonymous?: number;
    mediatorId?: string | null;
  },
) {
  const activity = await db
    .insertInto("mediation_activity")
    .values({
      mediator_id: mediatorId,
      activity_type: type,
      activity_date: date,
      duration_minutes: minutes,
      place_type: spaceId ? "lieu_activite" : "autre",
      relay_space_id: spaceId,
      place_commune: spaceId ? null : "Rieux",
      themes,
      autonomy,
      anonymous_participants: anonymous,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const b of beneficiaries) {
    await db
      .insertInto("mediation_beneficiary")
      .values({
        activity_id: activity.id,
        user_id: b.userId ?? null,
        commune: b.commune ?? null,
        age_band: b.ageBand ?? null,
        social_status: b.socialStatus ?? null,
      })
      .execute();
  }
  return activity.id;
}

export async function workshop(
  db: Db,
  { startsAt, spaceId, seats = 10, cancelled = false }: { startsAt: string; spaceId: string; seats?: number; cancelled?: boolean },
) {
  const starts = new Date(startsAt);
  return db
    .insertInto("workshop")
    .values({
      title: `Atelier ${next()}`,
      themes: ["email"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: starts,
      ends_at: new Date(starts.getTime() + 2 * 3600_000),
      seats,
      cancelled_at: cancelled ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

export async function booking(db: Db, workshopId: string, userId: string, status: "confirmed" | "waitlisted" = "confirmed") {
  await db.insertInto("booking").values({ workshop_id: workshopId, user_id: userId, status }).execute();
}

export async function checkIn(db: Db, workshopId: string, userId: string) {
  await db.insertInto("attendance").values({ workshop_id: workshopId, user_id: userId }).execute();
}

export async function course(db: Db, lessons = 2, minutes = 15) {
  const c = await db
    .insertInto("course")
    .values({ slug: `cours-${next()}`, title: "Cours", status: "published" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const m = await db.insertInto("course_module").values({ course_id: c.id, position: 0, title: "Module" }).returning("id").executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < lessons; i++) {
    const l = await db
      .insertInto("lesson")
      .values({ course_id: c.id, module_id: m.id, position: i, title: `Leçon ${i}`, estimated_minutes: minutes })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(l.id);
  }
  return { courseId: c.id, lessonIds: ids };
}

export async function enrol(db: Db, userId: string, courseId: string, enrolledAt: string, completedAt: string | null = null) {
  await db
    .insertInto("enrolment")
    .values({ user_id: userId, course_id: courseId, enrolled_at: new Date(enrolledAt), completed_at: completedAt ? new Date(completedAt) : null })
    .execute();
}

export async function completeLesson(db: Db, userId: string, courseId: string, lessonId: string, at: string) {
  await db
    .insertInto("lesson_progress")
    .values({ user_id: userId, course_id: courseId, lesson_id: lessonId, started_at: new Date(at), completed_at: new Date(at) })
    .execute();
}

export async function classroom(db: Db, hostId: string, startsAt: string) {
  const starts = new Date(startsAt);
  return db
    .insertInto("classroom")
    .values({ title: "Classe", starts_at: starts, ends_at: new Date(starts.getTime() + 3600_000), capacity: 20, host_id: hostId, room_name: `room-${next()}` })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

export async function register(db: Db, classroomId: string, userId: string, { attended = false } = {}) {
  await db.insertInto("classroom_registration").values({ classroom_id: classroomId, user_id: userId }).execute();
  if (attended) {
    await db
      .insertInto("classroom_presence")
      .values({ classroom_id: classroomId, user_id: userId, participant_sid: `PA_${next()}`, joined_at: new Date() })
      .execute();
  }
}

export async function statement(db: Db, userId: string, at: string, { verb = "http://adlnet.gov/expapi/verbs/completed", duration = "PT10M" } = {}) {
  const id = crypto.randomUUID();
  const statementJson = {
    id,
    actor: { objectType: "Agent", account: { homePage: "https://passerelle.test", name: userId } },
    verb: { id: verb },
    object: { objectType: "Activity", id: "https://passerelle.test/h5p/1" },
    result: { duration },
    timestamp: at,
  };
  await sql`insert into xapi_statement (id, statement, comparison_hash, client_timestamp, verb_id, activity_id, actor_key, timestamp, stored)
    values (${id}, ${JSON.stringify(statementJson)}::text::jsonb, ${id}, true, ${verb}, 'https://passerelle.test/h5p/1',
      ${`account:https://passerelle.test ${userId}`}, ${at}::timestamptz, now())`.execute(db);
}

/** A course badge (the paths domain signs real ones; the reports only read issued_at, kind and revocation). */
export async function courseBadge(db: Db, userId: string, issuedAt: string, { revoked = false } = {}) {
  // One active issuer key at a time: reuse the one there is.
  let key = (await sql<{ id: string }>`select id from issuer_key where retired_at is null limit 1`.execute(db)).rows[0]?.id;
  if (!key) {
    key = `test-key-${next()}`;
    await sql`insert into issuer_key (id, algorithm, public_jwk, private_key_pkcs8) values (${key}, 'EdDSA', '{}'::jsonb, 'not a key')`.execute(db);
  }
  const slug = `badge-${next()}`;
  const achievement = await sql<{ id: string }>`insert into achievement (slug, kind, course_slug, name, description, criteria)
    values (${slug}, 'course', ${slug}, 'Badge', 'Un badge', 'Terminer le cours') returning id`.execute(db);
  await sql`insert into badge (id, achievement_id, user_id, key_id, credential, credential_jwt, issued_at, revoked_at)
    values (gen_random_uuid(), ${achievement.rows[0]!.id}, ${userId}, ${key}, '{}'::jsonb, 'jwt', ${issuedAt}::timestamptz,
      ${revoked ? new Date() : null})`.execute(db);
}

export async function businessDiagnostic(db: Db, at: string, commune: string) {
  await sql`insert into business_diagnostic (token_hash, sector, commune, version, answers, axis_scores, overall_score, created_at)
    values (${`hash-${next()}`}, 'commerce', ${commune}, 1, '{}'::jsonb, '{}'::jsonb, 40, ${at}::timestamptz)`.execute(db);
}

export async function placementDiagnostic(db: Db, userId: string, at: string, goal = "seniors") {
  await sql`insert into diagnostic_result (user_id, version, goal, answers, competence_scores, domain_levels, created_at)
    values (${userId}, 1, ${goal}, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, ${at}::timestamptz)`.execute(db);
}
