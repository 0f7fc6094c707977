import { sql } from "kysely";
import type { ConsentScope, JobApplicationStatus } from "../../../db/schema/jobs";
import type { DbOrTrx } from "../../lib/db.server";

/**
 * The job seekers' side of the jobs domain (issue 20, part B): profiles and
 * consent, matching inputs, applications, disclosures, alerts, followed paths.
 */

// ── Profile and consent ─────────────────────────────────────────────────────

export function findProfile(db: DbOrTrx, userId: string) {
  return db.selectFrom("job_seeker_profile").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

export function lockProfile(db: DbOrTrx, userId: string) {
  return db.selectFrom("job_seeker_profile").selectAll().where("user_id", "=", userId).forUpdate().executeTakeFirst();
}

export interface ProfileValues {
  sectors: string[];
  communes: string[];
  mobility: string[];
  driving_licence: boolean;
  available_from: string | null;
  availability: string;
  alerts: boolean;
}

export function upsertProfile(db: DbOrTrx, userId: string, values: ProfileValues) {
  return db
    .insertInto("job_seeker_profile")
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An empty profile, so that consent can be given before anything else is filled in. */
export function ensureProfile(db: DbOrTrx, userId: string) {
  return db.insertInto("job_seeker_profile").values({ user_id: userId }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
}

export function setShare(db: DbOrTrx, userId: string, scope: ConsentScope, since: Date | null) {
  const column = scope === "badges" ? "share_badges_since" : "share_diagnostic_since";
  return db
    .updateTable("job_seeker_profile")
    .set({ [column]: since, updated_at: sql<Date>`now()` })
    .where("user_id", "=", userId)
    .execute();
}

export function insertConsentEvent(db: DbOrTrx, userId: string, scope: ConsentScope, granted: boolean) {
  return db.insertInto("job_consent_event").values({ user_id: userId, scope, granted }).execute();
}

export function listConsentEvents(db: DbOrTrx, userId: string) {
  return db.selectFrom("job_consent_event").select(["scope", "granted", "at"]).where("user_id", "=", userId).orderBy("at", "desc").limit(50).execute();
}

export function listDisclosuresOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("job_disclosure as d")
    .leftJoin("partner_org as p", "p.id", "d.partner_id")
    .leftJoin("app_user as v", "v.id", "d.viewer_id")
    .leftJoin("job_application as a", "a.id", "d.application_id")
    .leftJoin("job_offer as o", "o.id", "a.offer_id")
    .select(["d.id", "d.shown", "d.at", "p.name as partnerName", "v.first_name as viewerFirstName", "v.last_name as viewerLastName", "o.title as offerTitle"])
    .where("d.user_id", "=", userId)
    .orderBy("d.at", "desc")
    .limit(100)
    .execute();
}

export function insertDisclosure(db: DbOrTrx, row: { userId: string; partnerId: string; viewerId: string; applicationId: string; shown: string[] }) {
  return db
    .insertInto("job_disclosure")
    .values({ user_id: row.userId, partner_id: row.partnerId, viewer_id: row.viewerId, application_id: row.applicationId, shown: row.shown })
    .execute();
}

// ── Matching inputs ─────────────────────────────────────────────────────────

export function findOffer(db: DbOrTrx, offerId: string) {
  return db
    .selectFrom("job_offer as o")
    .innerJoin("partner_org as p", "p.id", "o.partner_id")
    .select(["o.id", "o.title", "o.status", "o.expires_on", "o.partner_id", "o.sector", "o.commune", "p.name as partnerName"])
    .where("o.id", "=", offerId)
    .executeTakeFirst();
}

export function listOfferSkills(db: DbOrTrx, offerId: string) {
  return db.selectFrom("job_offer_skill").select(["competence", "level"]).where("offer_id", "=", offerId).orderBy("competence").execute();
}

/** Badges still valid (not revoked), with the competences their achievement names. */
export function listValidBadges(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("badge as b")
    .innerJoin("achievement as a", "a.id", "b.achievement_id")
    .select(["b.id", "a.name", "a.competences", "b.issued_at"])
    .where("b.user_id", "=", userId)
    .where("b.revoked_at", "is", null)
    .orderBy("b.issued_at")
    .execute();
}

export function listCoursesTeaching(db: DbOrTrx, competences: string[]) {
  if (!competences.length) return Promise.resolve([]);
  return db
    .selectFrom("course")
    .select(["slug", "title", "competences"])
    .where("status", "=", "published")
    .where(sql<boolean>`competences && ${sql.val(competences)}::text[]`)
    .orderBy("title")
    .limit(30)
    .execute();
}

export function listUpcomingWorkshopsOn(db: DbOrTrx, themes: string[], now: Date) {
  if (!themes.length) return Promise.resolve([]);
  return db
    .selectFrom("workshop")
    .select(["id", "title", "starts_at as startsAt", "themes"])
    .where("cancelled_at", "is", null)
    .where("starts_at", ">", now)
    .where(sql<boolean>`themes && ${sql.val(themes)}::text[]`)
    .orderBy("starts_at")
    .limit(10)
    .execute();
}

export async function completedCourseSlugs(db: DbOrTrx, userId: string) {
  const rows = await db
    .selectFrom("enrolment as e")
    .innerJoin("course as c", "c.id", "e.course_id")
    .select("c.slug")
    .where("e.user_id", "=", userId)
    .where("e.completed_at", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

// ── Followed paths ──────────────────────────────────────────────────────────

export function insertFollow(db: DbOrTrx, userId: string, offerId: string) {
  return db.insertInto("job_path_follow").values({ user_id: userId, offer_id: offerId }).onConflict((oc) => oc.columns(["user_id", "offer_id"]).doNothing()).execute();
}

export function deleteFollow(db: DbOrTrx, userId: string, offerId: string) {
  return db.deleteFrom("job_path_follow").where("user_id", "=", userId).where("offer_id", "=", offerId).execute();
}

export function findFollow(db: DbOrTrx, userId: string, offerId: string) {
  return db.selectFrom("job_path_follow").select("followed_at").where("user_id", "=", userId).where("offer_id", "=", offerId).executeTakeFirst();
}

export function listFollows(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("job_path_follow as f")
    .innerJoin("job_offer as o", "o.id", "f.offer_id")
    .select(["o.id as offerId", "o.title", "f.followed_at as followedAt"])
    .where("f.user_id", "=", userId)
    .orderBy("f.followed_at", "desc")
    .execute();
}

// ── Applications ────────────────────────────────────────────────────────────

/** One application per offer and person: a second « intéressé·e » finds the first. */
export function insertApplication(db: DbOrTrx, row: { offerId: string; userId: string; sentBy: string; message: string }) {
  return db
    .insertInto("job_application")
    .values({ offer_id: row.offerId, user_id: row.userId, sent_by: row.sentBy, message: row.message })
    .onConflict((oc) => oc.columns(["offer_id", "user_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
}

export function findApplicationOf(db: DbOrTrx, offerId: string, userId: string) {
  return db.selectFrom("job_application").select(["id", "status"]).where("offer_id", "=", offerId).where("user_id", "=", userId).executeTakeFirst();
}

export function lockApplicationOf(db: DbOrTrx, offerId: string, userId: string) {
  return db.selectFrom("job_application").selectAll().where("offer_id", "=", offerId).where("user_id", "=", userId).forUpdate().executeTakeFirst();
}

export function lockApplication(db: DbOrTrx, id: string) {
  return db
    .selectFrom("job_application as a")
    .innerJoin("job_offer as o", "o.id", "a.offer_id")
    .select(["a.id", "a.user_id", "a.offer_id", "a.status", "o.partner_id", "o.title"])
    .where("a.id", "=", id)
    .forUpdate("a")
    .executeTakeFirst();
}

export function setApplicationStatus(db: DbOrTrx, id: string, status: JobApplicationStatus) {
  return db.updateTable("job_application").set({ status, updated_at: sql<Date>`now()` }).where("id", "=", id).execute();
}

export function insertApplicationEvent(db: DbOrTrx, row: { applicationId: string; status: string; note: string; byUserId: string }) {
  return db.insertInto("job_application_event").values({ application_id: row.applicationId, status: row.status, note: row.note, by_user_id: row.byUserId }).execute();
}

export function listApplicationsOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("job_application as a")
    .innerJoin("job_offer as o", "o.id", "a.offer_id")
    .innerJoin("partner_org as p", "p.id", "o.partner_id")
    .select(["a.id", "a.status", "a.created_at as createdAt", "o.id as offerId", "o.title", "p.name as partnerName"])
    .where("a.user_id", "=", userId)
    .orderBy("a.created_at", "desc")
    .execute();
}

export function listEventsOf(db: DbOrTrx, applicationIds: string[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .selectFrom("job_application_event as e")
    .leftJoin("app_user as u", "u.id", "e.by_user_id")
    .select(["e.application_id as applicationId", "e.status", "e.note", "e.at", "u.first_name as byFirstName"])
    .where("e.application_id", "in", applicationIds)
    .orderBy("e.at")
    .execute();
}

export async function partnerIdsOfStaff(db: DbOrTrx, userId: string) {
  const rows = await db.selectFrom("partner_staff").select("partner_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.partner_id);
}

export async function staffOfPartner(db: DbOrTrx, partnerId: string) {
  const rows = await db
    .selectFrom("partner_staff as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select("s.user_id")
    .where("s.partner_id", "=", partnerId)
    .where("u.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Applications to the offers of these partners: who, for which offer, where it stands — nothing shared yet. */
export function listApplicationsToPartners(db: DbOrTrx, partnerIds: string[]) {
  if (!partnerIds.length) return Promise.resolve([]);
  return db
    .selectFrom("job_application as a")
    .innerJoin("job_offer as o", "o.id", "a.offer_id")
    .innerJoin("app_user as u", "u.id", "a.user_id")
    .select(["a.id", "a.status", "a.created_at as createdAt", "a.message", "o.id as offerId", "o.title", "u.first_name as firstName", "u.last_name as lastName"])
    .where("o.partner_id", "in", partnerIds)
    .orderBy("a.created_at", "desc")
    .limit(200)
    .execute();
}

/** What the person wrote in their profile, for the partner's view (consent is checked by the caller). */
export function findApplicantProfile(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("app_user as u")
    .leftJoin("job_seeker_profile as p", "p.user_id", "u.id")
    .select([
      "u.first_name as firstName",
      "u.last_name as lastName",
      "u.email",
      "p.sectors",
      "p.communes",
      "p.mobility",
      "p.driving_licence as drivingLicence",
      "p.available_from as availableFrom",
      "p.availability",
      "p.share_badges_since as shareBadgesSince",
      "p.share_diagnostic_since as shareDiagnosticSince",
    ])
    .where("u.id", "=", userId)
    .executeTakeFirst();
}

// ── Alerts ──────────────────────────────────────────────────────────────────

/** Offers published since `since` and still listed. */
export function offersPublishedSince(db: DbOrTrx, since: Date, today: string) {
  return db
    .selectFrom("job_offer")
    .select(["id", "title", "sector", "commune"])
    .where("status", "=", "published")
    .where("published_at", ">", since)
    .where("expires_on", ">=", sql<Date>`${today}::date`)
    .execute();
}

/** Profiles that asked for alerts in this sector (the commune is compared in code, normalised). */
export function profilesWantingSector(db: DbOrTrx, sector: string) {
  return db
    .selectFrom("job_seeker_profile as p")
    .innerJoin("app_user as u", "u.id", "p.user_id")
    .select(["p.user_id", "p.sectors", "p.communes"])
    .where("p.alerts", "=", true)
    .where("u.disabled_at", "is", null)
    .where(sql<boolean>`${sector} = any(p.sectors)`)
    .execute();
}

export function insertAlert(db: DbOrTrx, offerId: string, userId: string) {
  return db
    .insertInto("job_offer_alert")
    .values({ offer_id: offerId, user_id: userId })
    .onConflict((oc) => oc.columns(["offer_id", "user_id"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
}

// ── Evaluation (monthly, Paris months, whole months from..to inclusive) ───

type MonthCount = { month: string; key: string; n: number };
const parisMonth = (column: string) => sql.raw(`to_char((${column}) at time zone 'Europe/Paris', 'YYYY-MM')`);

/** Offers published per month and sector (an offer filled or withdrawn since still was published). */
export async function offersPublishedByMonth(db: DbOrTrx, from: string, to: string) {
  const month = parisMonth("published_at");
  const { rows } = await sql<MonthCount>`
    select ${month} as month, sector as key, count(*)::int as n from job_offer
    where published_at is not null and ${month} between ${from} and ${to}
    group by 1, 2`.execute(db);
  return rows;
}

/** Profiles created per month (job seekers who started « Mon projet professionnel »). */
export async function profilesByMonth(db: DbOrTrx, from: string, to: string) {
  const month = parisMonth("created_at");
  const { rows } = await sql<MonthCount>`
    select ${month} as month, 'profiles' as key, count(*)::int as n from job_seeker_profile
    where ${month} between ${from} and ${to} group by 1, 2`.execute(db);
  return rows;
}

/** Interest expressed per month (applications made). */
export async function interestByMonth(db: DbOrTrx, from: string, to: string) {
  const month = parisMonth("created_at");
  const { rows } = await sql<MonthCount>`
    select ${month} as month, 'interest' as key, count(*)::int as n from job_application
    where ${month} between ${from} and ${to} group by 1, 2`.execute(db);
  return rows;
}

/** Outcomes declared by partners per month: an application counts once per outcome, in the month of its first declaration. */
export async function outcomesByMonth(db: DbOrTrx, from: string, to: string) {
  const { rows } = await sql<MonthCount>`
    select month, key, count(*)::int as n from (
      select to_char(min(at) at time zone 'Europe/Paris', 'YYYY-MM') as month, status as key
      from job_application_event where status in ('interview', 'not_retained', 'hired')
      group by application_id, status
    ) e where month between ${from} and ${to} group by 1, 2`.execute(db);
  return rows;
}

// ── Personal data ───────────────────────────────────────────────────────────

export async function jobSeekerDataForExport(db: DbOrTrx, userId: string) {
  const [profile, consents, applications, disclosures, follows] = await Promise.all([
    findProfile(db, userId),
    listConsentEvents(db, userId),
    listApplicationsOfUser(db, userId),
    listDisclosuresOf(db, userId),
    listFollows(db, userId),
  ]);
  return { profile: profile ?? null, consents, applications, disclosures, follows };
}
