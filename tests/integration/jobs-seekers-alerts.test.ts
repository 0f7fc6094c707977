import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { sendJobAlerts } from "../../app/features/jobs/alerts.server";
import { expressInterest, answerApplication, listApplicants } from "../../app/features/jobs/applications.server";
import { getJobsEvaluation } from "../../app/features/jobs/evaluation.server";
import { saveJobProfile } from "../../app/features/jobs/profile.server";
import type { ProfileInput } from "../../app/features/jobs/schemas-seekers";
import { isProtected } from "../../app/features/reports/anonymise";
import type { Db } from "../../app/lib/db.server";
import { createUser, statusOf } from "../helpers/fixtures";
import { testDb } from "../helpers/db";
import { learner, partnerWithStaff, publishedOffer } from "./jobs-seekers-fixtures";

/** Issue 20, part B: alerts once per offer and person; the axis III.4 tables with statistical secrecy. */
let db: Db;

const wants = (sectors: ProfileInput["sectors"], communes: string[], alerts = true): ProfileInput => ({
  intent: "profile" as const,
  sectors,
  communes,
  mobility: [],
  drivingLicence: false,
  availableFrom: null,
  availability: "",
  alerts,
});

beforeAll(async () => {
  db = await testDb();
});

describe("alerts", () => {
  it("tells each person whose sector and commune match, once however often the job runs, by notification and mail as they chose", async () => {
    const { partnerId } = await partnerWithStaff(db);
    const match = await learner(db, "Amina");
    const otherCommune = await learner(db, "Bruno");
    const otherSector = await learner(db, "Chloé");
    const noAlerts = await learner(db, "Denis");
    await saveJobProfile(db, match, wants(["retail", "care"], ["pont sainte-maxence"]));
    await saveJobProfile(db, otherCommune, wants(["retail"], ["Rieux"]));
    await saveJobProfile(db, otherSector, wants(["industry"], ["Pont-Sainte-Maxence"]));
    await saveJobProfile(db, noAlerts, wants(["retail"], ["Pont-Sainte-Maxence"], false));
    const offer = await publishedOffer(db, partnerId, { sector: "retail", commune: "Pont-Sainte-Maxence" });
    // Published long ago: no longer news.
    await publishedOffer(db, partnerId, { sector: "retail", publishedAt: new Date(Date.now() - 60 * 24 * 3600 * 1000) });

    await Promise.all([sendJobAlerts(db), sendJobAlerts(db)]);
    await sendJobAlerts(db);

    const alerts = await db.selectFrom("job_offer_alert").select(["offer_id", "user_id"]).execute();
    expect(alerts).toEqual([{ offer_id: offer, user_id: match.id }]);
    const notes = await db.selectFrom("notification").select(["user_id", "kind", "route", "route_params"]).where("kind", "=", "job_offer_match").execute();
    expect(notes).toEqual([{ user_id: match.id, kind: "job_offer_match", route: "jobPath", route_params: { id: offer } }]);
    // Mailed now (the default mode), through the outbox, once.
    const mails = await db.selectFrom("outbox_message").select("subject").where("user_id", "=", match.id).execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Vendeur ou vendeuse");
  });
});

describe("the dashboard's axis III.4 tables (acceptance 5, dashboard part)", () => {
  it("counts offers by sector, profiles, interest and outcomes by month, with small cells and their neighbours hidden", async () => {
    const coordinator = await createUser(db, { role: "coordinator" });
    const { partnerId, staff } = await partnerWithStaff(db, { name: "Entrepôt" });
    // March 2026: 6 retail offers (shown) and 2 logistics (hidden, and enough others to protect them).
    for (let i = 0; i < 6; i++) await publishedOffer(db, partnerId, { sector: "retail", publishedAt: new Date("2026-03-10T10:00:00Z") });
    for (let i = 0; i < 2; i++) await publishedOffer(db, partnerId, { sector: "logistics", publishedAt: new Date("2026-03-12T10:00:00Z") });
    // April 2026: 5 retail, 7 logistics.
    for (let i = 0; i < 5; i++) await publishedOffer(db, partnerId, { sector: "retail", publishedAt: new Date("2026-04-03T10:00:00Z") });
    const offers: string[] = [];
    for (let i = 0; i < 7; i++) offers.push(await publishedOffer(db, partnerId, { sector: "logistics", publishedAt: new Date("2026-04-20T10:00:00Z") }));
    // 6 people show interest (profiles and applications dated April), 2 are hired, 1 is offered an interview.
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await learner(db, `Personne ${i}`));
    for (const p of people) await saveJobProfile(db, p, wants(["logistics"], ["Rieux"], false));
    for (const p of people) await expressInterest(db, p, offers[0]!, { message: "" });
    const applications = await listApplicants(db, staff);
    for (const [i, status] of (["hired", "hired", "interview"] as const).entries()) {
      await answerApplication(db, staff, { intent: "answer", applicationId: applications[i]!.id, status, note: "" });
    }
    await sql`update job_seeker_profile set created_at = '2026-04-05T10:00:00Z' where user_id = any(${sql.val(people.map((p) => p.id))}::uuid[])`.execute(db);
    await sql`update job_application set created_at = '2026-04-21T10:00:00Z' where offer_id = ${offers[0]!}`.execute(db);
    await sql`update job_application_event set at = '2026-04-22T10:00:00Z'`.execute(db);

    const [offersTable, seekers, outcomes] = await getJobsEvaluation(db, coordinator, { from: "2026-03", to: "2026-04" });
    expect(offersTable!.columns).toEqual(["logistics", "retail"]);
    const cells = offersTable!.rows.map((r) => r.cells);
    // March logistics (2) is small: hidden, and a second cell of its row and column so it cannot be subtracted out.
    expect(cells[0]![0]).toBeNull();
    expect(offersTable!.hiddenCount).toBeGreaterThan(1);
    expect(isProtected([[[2, 6], [7, 5]]], offersTable!.rows.map((r) => r.cells.map((v) => v === null)))).toBe(true);
    // Nothing visible describes 1 to 4 offers.
    expect(cells.flat().filter((v) => v !== null && v > 0 && v < 5)).toEqual([]);

    expect(seekers!.columns).toEqual(["profiles", "interest"]);
    expect(seekers!.rows.map((r) => [r.month, ...r.cells])).toEqual([
      ["2026-03", 0, 0],
      ["2026-04", 6, 6],
      [null, 6, 6],
    ]);
    // 2 hired and 1 interview in April: every outcome cell is small, so all of them (and their totals) are hidden.
    expect(outcomes!.columns).toEqual(["interview", "not_retained", "hired"]);
    expect(outcomes!.rows[1]!.cells.filter((v) => v !== null && v > 0)).toEqual([]);
    expect(outcomes!.rows.flatMap((r) => r.cells).every((v) => v === null || v === 0)).toBe(true);

    expect(await statusOf(getJobsEvaluation(db, staff, { from: "2026-03", to: "2026-04" }))).toBe(403);
  });
});
