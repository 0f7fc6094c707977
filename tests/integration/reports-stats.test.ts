import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { cachedDashboard } from "../../app/features/reports/cache.server";
import { REPORT_JOBS } from "../../app/features/reports/jobs.server";
import { computeDashboard } from "../../app/features/reports/compute.server";
import type { DashboardFilters, FigureValue } from "../../app/features/reports/dashboard-types";
import type { FigureId } from "../../app/features/reports/indicators";
import { defaultPeriod, yearPeriod, type Period } from "../../app/features/reports/period";
import { reportsPersonalData } from "../../app/features/reports/personal-data.server";
import { availableSources, refreshStats } from "../../app/features/reports/refresh.server";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import * as f from "./reports-fixtures";

let db: Db;
const t = serverT("fr");

async function figures(period: Period, filters: DashboardFilters = {}) {
  const data = await computeDashboard(db, { period, filters, t, locale: "fr", charts: false });
  const all = new Map<FigureId, FigureValue>();
  for (const axis of data.axes) for (const s of axis.sections) for (const fig of s.figures) all.set(fig.id, fig);
  return { data, get: (id: FigureId) => all.get(id)! };
}

let A: string, B: string, C: string, D: string, S1: string, S2: string;

beforeAll(async () => {
  db = await testDb();
  S1 = await f.space(db, "Pont-Sainte-Maxence");
  S2 = await f.space(db, "Rieux");
  A = await f.person(db, { commune: "Rieux", audience: "seniors" });
  B = await f.person(db, { commune: "Rieux", audience: "jeunes" });
  C = await f.person(db, { commune: "Verneuil-en-Halatte", audience: "demandeurs_emploi" });
  D = await f.person(db, { commune: "Verneuil-en-Halatte", audience: "entrepreneurs" });
  const mediator = await f.staff(db);

  // Mediation: C came once in 2024; 2025 has four accompaniments.
  await f.accompaniment(db, { date: "2024-11-05", themes: ["insertion_professionnelle"], beneficiaries: [{ userId: C }], spaceId: S2 });
  await f.accompaniment(db, {
    date: "2025-03-04",
    minutes: 45,
    themes: ["email", "aide_aux_demarches_administratives"],
    autonomy: "partiellement_autonome",
    beneficiaries: [{ userId: A }],
    spaceId: S1,
  });
  await f.accompaniment(db, { date: "2025-03-18", minutes: 30, themes: ["email"], autonomy: "autonome", beneficiaries: [{ userId: A }], spaceId: S1 });
  await f.accompaniment(db, {
    date: "2025-04-10",
    type: "collectif",
    minutes: 120,
    themes: ["navigation_sur_internet"],
    beneficiaries: [{ userId: B }, { userId: C }, { commune: "Rieux", ageBand: "soixante_dix_plus" }],
    anonymous: 3,
    spaceId: S2,
  });
  await f.accompaniment(db, { date: "2025-06-02", minutes: 60, themes: ["entrepreneuriat"], beneficiaries: [{ userId: D }] });

  // Workshops in May 2025: one held, one cancelled.
  const w = await f.workshop(db, { startsAt: "2025-05-14T14:00:00+02:00", spaceId: S1, seats: 10 });
  await f.workshop(db, { startsAt: "2025-05-20T14:00:00+02:00", spaceId: S1, seats: 8, cancelled: true });
  await f.booking(db, w, A);
  await f.booking(db, w, B);
  await f.booking(db, w, C, "waitlisted");
  await f.checkIn(db, w, A);
  await f.checkIn(db, w, D); // walk-in

  // Courses: A finishes a 2-lesson course in February, B starts one lesson in March.
  const c = await f.course(db, 2, 15);
  await f.enrol(db, A, c.courseId, "2025-02-10T10:00:00Z", "2025-02-20T10:00:00Z");
  await f.completeLesson(db, A, c.courseId, c.lessonIds[0]!, "2025-02-12T10:00:00Z");
  await f.completeLesson(db, A, c.courseId, c.lessonIds[1]!, "2025-02-20T10:00:00Z");
  await f.enrol(db, B, c.courseId, "2025-03-01T10:00:00Z");
  await f.completeLesson(db, B, c.courseId, c.lessonIds[0]!, "2025-03-02T10:00:00Z");

  // xAPI: C learns in July (not otherwise a learner), A in February.
  await f.statement(db, C, "2025-07-01T10:00:00Z", { duration: "PT10M" });
  await f.statement(db, A, "2025-02-12T10:00:00Z", { duration: "PT20M" });
  await f.statement(db, A, "2025-02-12T10:05:00Z", { verb: "http://adlnet.gov/expapi/verbs/answered", duration: "PT5M" });

  // A virtual class in September: A attends, B does not.
  const k = await f.classroom(db, mediator, "2025-09-09T17:00:00Z");
  await f.register(db, k, A, { attended: true });
  await f.register(db, k, B);

  // Paths: a course badge for A (and a revoked one), a placement and a business diagnostic.
  await f.courseBadge(db, A, "2025-05-20T10:00:00Z");
  await f.courseBadge(db, B, "2025-05-21T10:00:00Z", { revoked: true });
  await f.placementDiagnostic(db, A, "2025-01-15T10:00:00Z");
  await f.businessDiagnostic(db, "2025-06-10T10:00:00Z", "Rieux");

  await refreshStats(db, { full: true });
});

describe("pre-aggregated indicators", () => {
  it("counts accompaniments, people (once each), first-time vs returning and hours for a year", async () => {
    const { get } = await figures(yearPeriod(2025));
    expect(get("mediation.accompaniments")).toMatchObject({ value: 4, previous: 1, available: true });
    expect(get("mediation.individual").value).toBe(3);
    expect(get("mediation.collective").value).toBe(1);
    // A (twice), B, C, D and one anonymous profile: five different people.
    expect(get("mediation.people")).toMatchObject({ value: 5, previous: 1 });
    expect(get("mediation.first_time").value).toBe(3); // A, B, D
    expect(get("mediation.returning").value).toBe(1); // C, first seen in 2024
    expect(get("mediation.unidentified").value).toBe(1);
    expect(get("mediation.hours").value).toBe(4.3); // 255 minutes
    expect(get("mediation.admin").value).toBe(1);
    expect(get("mediation.anonymous_participants").value).toBe(3);
    expect(get("business.people").value).toBe(1);
    expect(get("employment.people").value).toBe(1);
    expect(get("business.accompaniments").value).toBe(1);
  });

  it("filters by commune of residence and by audience with exact, not summed, values", async () => {
    const rieux = await figures(yearPeriod(2025), { commune: "Rieux" });
    // The April group counts once for Rieux although two Rieux people were in it.
    expect(rieux.get("mediation.accompaniments").value).toBe(3);
    expect(rieux.get("mediation.people").value).toBe(3);
    expect(rieux.get("workshops.seats").available).toBe(false); // seats have no commune
    const seniors = await figures(yearPeriod(2025), { audience: "seniors" });
    // A's account says seniors; the anonymous 70+ profile is derived as seniors.
    expect(seniors.get("mediation.people").value).toBe(2);
    expect(seniors.get("mediation.accompaniments").value).toBe(3);
    expect(seniors.get("business.people").available).toBe(false);
    const space = await figures(yearPeriod(2025), { space: S1 });
    expect(space.get("mediation.accompaniments").value).toBe(2);
  });

  it("counts workshops, seats, bookings, attendance and waitlist, cancelled workshops left out", async () => {
    const { get } = await figures(yearPeriod(2025));
    expect(get("workshops.sessions").value).toBe(1);
    expect(get("workshops.seats").value).toBe(10);
    expect(get("workshops.bookings").value).toBe(2);
    expect(get("workshops.fill_rate").value).toBe(20);
    expect(get("workshops.attendance").value).toBe(2);
    expect(get("workshops.attendance_rate").value).toBe(50);
    expect(get("workshops.waitlist").value).toBe(1);
    expect(get("workshops.people").value).toBe(2);
  });

  it("counts e-learning, xAPI time and virtual classes", async () => {
    const { get } = await figures(yearPeriod(2025));
    expect(get("courses.enrolments").value).toBe(2);
    expect(get("courses.completions").value).toBe(1);
    expect(get("courses.completion_rate").value).toBe(50);
    expect(get("courses.hours").value).toBe(0.8); // 3 lessons × 15 min
    expect(get("xapi.hours").value).toBe(0.5); // completed statements only: 10 + 20 min
    expect(get("xapi.statements").value).toBe(3);
    expect(get("learning.active").value).toBe(3); // A, B and C (xAPI only)
    expect(get("classes.sessions").value).toBe(1);
    expect(get("classes.registrations").value).toBe(2);
    expect(get("classes.attended").value).toBe(1);
    expect(get("classes.attendance_rate").value).toBe(50);
  });

  it("counts badges (revoked ones left out), placement and business diagnostics", async () => {
    const { get } = await figures(yearPeriod(2025));
    expect(get("paths.badges").value).toBe(1);
    expect(get("paths.badge_holders").value).toBe(1);
    expect(get("paths.completed").value).toBe(0); // a course badge, not a path's
    expect(get("paths.diagnostics").value).toBe(1);
    expect(get("business.diagnostics").value).toBe(1);
    expect((await figures(yearPeriod(2025), { commune: "Rieux" })).get("business.diagnostics").value).toBe(1);
  });

  it("builds chart tables by month, theme, audience and relay space", async () => {
    const { data } = await figures(yearPeriod(2025));
    const chart = (id: string) => data.axes.flatMap((a) => a.sections.flatMap((s) => s.charts)).find((c) => c.id === id)!;
    const monthly = chart("mediation_monthly").table;
    expect(monthly.rows).toHaveLength(12);
    expect(monthly.rows.find((r) => r.key === "2025-03")!.values).toEqual([2, 0]);
    expect(monthly.rows.find((r) => r.key === "2025-04")!.values).toEqual([0, 1]);
    // People per month: A once in March (two visits), B, C and one anonymous profile in April.
    const people = chart("mediation_people_monthly").table.rows;
    expect(people.find((r) => r.key === "2025-03")!.values).toEqual([1]);
    expect(people.find((r) => r.key === "2025-04")!.values).toEqual([3]);
    // With a space filter the same chart is read from the people rows: April was in S2.
    const inS2 = await computeDashboard(db, { period: yearPeriod(2025), filters: { space: S2 }, t, locale: "fr", charts: false });
    const s2 = inS2.axes.flatMap((a) => a.sections.flatMap((x) => x.charts)).find((c) => c.id === "mediation_people_monthly")!.table.rows;
    expect(s2.find((r) => r.key === "2025-04")!.values).toEqual([3]);
    expect(s2.find((r) => r.key === "2025-03")!.values).toEqual([0]);
    const themes = chart("mediation_themes").table.rows;
    expect(themes[0]).toMatchObject({ key: "email", values: [2] });
    const audiences = chart("mediation_audiences").table.rows;
    expect(Object.fromEntries(audiences.map((r) => [r.key, r.values[0]]))).toEqual({
      seniors: 2,
      jeunes: 1,
      demandeurs_emploi: 1,
      entrepreneurs: 1,
    });
    const spaces = chart("mediation_spaces").table.rows;
    expect(spaces.map((r) => r.values[0] ?? 0).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("folds new activity in incrementally, recomputing only the months it touched", async () => {
    const E = await f.person(db, { commune: "Rieux", audience: "autre" });
    await f.accompaniment(db, { date: "2025-08-12", themes: ["email"], beneficiaries: [{ userId: E }] });
    const before = await db.selectFrom("stats_monthly").select(["indicator", "month", "value"]).where(sql<boolean>`month = '2025-03-01'`).orderBy(["indicator", "commune", "audience", "category", "space"]).execute();
    const results = await refreshStats(db, { overlapMs: 0 });
    const mediation = results.find((r) => r.source === "mediation")!;
    expect(mediation).toMatchObject({ mode: "incremental", months: 1 });
    expect(results.find((r) => r.source === "workshops")).toMatchObject({ mode: "incremental", months: 0 });
    const after = await db.selectFrom("stats_monthly").select(["indicator", "month", "value"]).where(sql<boolean>`month = '2025-03-01'`).orderBy(["indicator", "commune", "audience", "category", "space"]).execute();
    expect(after).toEqual(before);
    const { get } = await figures(yearPeriod(2025));
    expect(get("mediation.accompaniments").value).toBe(5);
    expect(get("mediation.people").value).toBe(6);
    expect(get("mediation.first_time").value).toBe(4);
  });

  it("follows an entry moved to another month: the new month at once, the old one at the daily rebuild", async () => {
    // D's only accompaniment moves from June to July.
    await sql`update mediation_activity set activity_date = '2025-07-02', updated_at = now()
      where id in (select activity_id from mediation_beneficiary where user_id = ${D})`.execute(db);
    const results = await refreshStats(db, { overlapMs: 0 });
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.find((r) => r.source === "mediation")).toMatchObject({ mode: "incremental", months: 1 });
    expect((await figures({ from: "2025-07", to: "2025-07" })).get("mediation.people").value).toBe(1);
    // The row no longer says June, so nothing tells the incremental run to look there.
    expect((await figures({ from: "2025-06", to: "2025-06" })).get("mediation.people").value).toBe(1);
    await refreshStats(db, { full: true });
    expect((await figures({ from: "2025-06", to: "2025-06" })).get("mediation.people").value).toBe(0);
    expect((await figures({ from: "2025-07", to: "2025-07" })).get("mediation.people").value).toBe(1);
    expect((await figures(yearPeriod(2025))).get("mediation.people").value).toBe(6);
  });

  it("takes a person out of a recomputed month they no longer belong to", async () => {
    // E came in August only; that entry now lists nobody: E's row disappears, August keeps no one.
    await sql`delete from mediation_beneficiary where activity_id in
      (select a.id from mediation_activity a where a.activity_date = '2025-08-12')`.execute(db);
    await sql`update mediation_activity set updated_at = now() where activity_date = '2025-08-12'`.execute(db);
    const results = await refreshStats(db, { overlapMs: 0 });
    expect(results.filter((r) => r.error)).toEqual([]);
    expect((await figures({ from: "2025-08", to: "2025-08" })).get("mediation.people").value).toBe(0);
    expect((await figures(yearPeriod(2025))).get("mediation.people").value).toBe(5);
  });

  it("serves a stored view until the aggregates change, then recomputes it", async () => {
    const options = { period: yearPeriod(2025), filters: { commune: "Rieux" }, t, locale: "fr" };
    const first = await cachedDashboard(db, options);
    const again = await cachedDashboard(db, options);
    expect(again.cached).toBe(true);
    const people = (d: typeof first) => d.axes[1]!.sections[0]!.figures.find((x) => x.id === "mediation.people")!.value;
    expect(people(again)).toBe(people(first));
    // Same view, other filters: its own entry.
    expect((await cachedDashboard(db, { ...options, filters: {} })).cached).toBe(false);
    // New activity folded in: a new version, a fresh computation.
    const F = await f.person(db, { commune: "Rieux" });
    await f.accompaniment(db, { date: "2025-09-03", beneficiaries: [{ userId: F }] });
    await refreshStats(db, { overlapMs: 0 });
    const after = await cachedDashboard(db, options);
    expect(after.cached).toBe(false);
    expect(people(after)).toBe(people(first)! + 1);
    // A relay space renamed changes the live figures' version too.
    await db.updateTable("relay_space").set({ updated_at: new Date() }).where("id", "=", S1).execute();
    expect((await cachedDashboard(db, options)).cached).toBe(false);
  });

  it("has the default view ready in every language after the refresh job", async () => {
    const now = new Date();
    const refresh = REPORT_JOBS.find((j) => j.name === "reports-refresh-stats")!;
    await refresh.run(db, now);
    for (const locale of ["fr", "en"]) {
      expect((await cachedDashboard(db, { period: defaultPeriod(now), filters: {}, t, locale })).cached).toBe(true);
    }
  });

  it("forgets an erased account at once, without changing the counts", async () => {
    const before = await figures(yearPeriod(2025));
    await db.transaction().execute((trx) => reportsPersonalData.erase!(trx, A));
    const left = await db.selectFrom("stats_people").select("person").where("person", "=", A).execute();
    expect(left).toEqual([]);
    const after = await figures(yearPeriod(2025));
    for (const id of ["mediation.people", "mediation.first_time", "learning.active", "workshops.people"] as FigureId[]) {
      expect(after.get(id).value, id).toBe(before.get(id).value);
    }
  });

  it("leaves out the indicators of a domain whose tables do not exist", async () => {
    await sql`drop table xapi_statement cascade`.execute(db);
    expect((await availableSources(db)).map((s) => s.name)).not.toContain("xapi");
    await refreshStats(db, { full: true });
    const { data, get } = await figures(yearPeriod(2025));
    expect(data.missingSources).toContain("xapi");
    expect(get("xapi.hours").available).toBe(false);
    // Only the course side is left: A and B (C learned through xAPI only).
    expect(get("learning.active")).toMatchObject({ available: true, value: 2 });
  });
});
