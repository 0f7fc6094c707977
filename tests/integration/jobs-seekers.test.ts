import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { answerApplication, expressInterest, listApplicants, viewApplicant, withdrawApplication } from "../../app/features/jobs/applications.server";
import { setJobConsent } from "../../app/features/jobs/consent.server";
import { followOfferPath, getOfferMatch } from "../../app/features/jobs/matching.server";
import { getJobProject, saveJobProfile } from "../../app/features/jobs/profile.server";
import type { ProfileInput } from "../../app/features/jobs/schemas-seekers";
import { loadRecord } from "../../app/features/record/service.server";
import type { Db } from "../../app/lib/db.server";
import { createUser, statusOf } from "../helpers/fixtures";
import { testDb } from "../helpers/db";
import { badgeFor, courseTeaching, learner, partnerWithStaff, publishedOffer } from "./jobs-seekers-fixtures";

/**
 * Issue 20, part B (decision 046): consent (acceptance 3), authorization
 * (acceptance 4), idempotent interest, matching and the followed path.
 */
let db: Db;
let nadia: User, paul: User, mediator: User, coordinator: User;
let bakery: Awaited<ReturnType<typeof partnerWithStaff>>, garage: Awaited<ReturnType<typeof partnerWithStaff>>;
let bakeryOffer: string, garageOffer: string, badgeId: string;

const profile: ProfileInput = { intent: "profile", sectors: ["retail"], communes: ["Pont-Sainte-Maxence"], mobility: ["bus"], drivingLicence: false, availableFrom: null, availability: "Le matin", alerts: true };
const consent = (scope: "badges" | "diagnostic", granted: boolean, learnerId?: string) => ({ intent: "consent" as const, scope, granted, learnerId });

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator" });
  coordinator = await createUser(db, { role: "coordinator" });
  nadia = await learner(db, "Nadia", mediator.id);
  paul = await learner(db, "Paul");
  bakery = await partnerWithStaff(db, { name: "Boulangerie du Pont" });
  garage = await partnerWithStaff(db, { name: "Garage de Rieux", sector: "services", commune: "Rieux" });
  bakeryOffer = await publishedOffer(db, bakery.partnerId, { skills: ["2.1", "3.1"] });
  garageOffer = await publishedOffer(db, garage.partnerId, { title: "Aide mécanicien", sector: "services", commune: "Rieux", skills: ["5.1"] });
  badgeId = await badgeFor(db, nadia, ["2.1"]);
  await courseTeaching(db, ["3.1"], "Écrire son CV");
  await saveJobProfile(db, nadia, profile);
});

describe("matching and the offer's path", () => {
  it("one skill from the badge, one to learn with the course that teaches it; following shows in « Mon suivi »", async () => {
    const match = (await getOfferMatch(db, nadia, bakeryOffer))!;
    expect(match.have.map((s) => [s.competence, s.source, s.badgeId])).toEqual([["2.1", "badge", badgeId]]);
    expect(match.toLearn.map((s) => s.competence)).toEqual(["3.1"]);
    expect(match.steps[0]!.courses.map((c) => c.title)).toEqual(["Écrire son CV"]);
    expect(match.steps[0]!.reasons).toContain("ordinateur");

    await followOfferPath(db, nadia, bakeryOffer);
    await followOfferPath(db, nadia, bakeryOffer);
    const record = await loadRecord(db, nadia);
    expect(record.jobPaths).toEqual([{ offerId: bakeryOffer, title: "Vendeur ou vendeuse", done: 0, count: 1 }]);
  });

  it("a visitor or a partner gets no match; an unpublished offer is not found", async () => {
    expect(await getOfferMatch(db, null, bakeryOffer)).toBeNull();
    expect(await getOfferMatch(db, bakery.staff, bakeryOffer)).toBeNull();
    const pending = await publishedOffer(db, bakery.partnerId, { status: "pending" as never });
    expect(await statusOf(getOfferMatch(db, nadia, pending))).toBe(404);
  });
});

describe("interest (idempotent)", () => {
  it("twice, or twice at once, is one application, one history line, one notification per staff member", async () => {
    const [a, b] = await Promise.all([expressInterest(db, nadia, bakeryOffer, { message: "Bonjour" }), expressInterest(db, nadia, bakeryOffer, { message: "Bonjour" })]);
    const again = await expressInterest(db, nadia, bakeryOffer, { message: "Bonjour" });
    expect(new Set([a.id, b.id, again.id]).size).toBe(1);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    const rows = await db.selectFrom("job_application").select("id").where("user_id", "=", nadia.id).execute();
    expect(rows).toHaveLength(1);
    const events = await db.selectFrom("job_application_event").select("status").where("application_id", "=", a.id).execute();
    expect(events).toEqual([{ status: "interested" }]);
    const notes = await db.selectFrom("notification").select("kind").where("user_id", "=", bakery.staff.id).execute();
    expect(notes).toEqual([{ kind: "job_interest" }]);
  });

  it("a mediator does it with a person they accompany, not with someone else", async () => {
    const done = await expressInterest(db, mediator, garageOffer, { learnerId: nadia.id, message: "" });
    const row = await db.selectFrom("job_application").select(["user_id", "sent_by"]).where("id", "=", done.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: nadia.id, sent_by: mediator.id });
    expect(await statusOf(expressInterest(db, mediator, garageOffer, { learnerId: paul.id, message: "" }))).toBe(403);
  });
});

describe("consent (acceptance 3)", () => {
  it("without consent a partner sees the profile as sent and nothing of the badges or diagnostic; each view is logged", async () => {
    const [application] = await listApplicants(db, bakery.staff);
    const seen = await viewApplicant(db, bakery.staff, application!.id);
    expect(seen.firstName).toBe("Nadia");
    expect(seen.sectors).toEqual(["retail"]);
    expect(seen.badges).toBeNull();
    expect(seen.diagnostic).toBeNull();
    const project = await getJobProject(db, nadia);
    expect(project.disclosures).toHaveLength(1);
    expect(project.disclosures[0]).toMatchObject({ shown: ["profile"], partnerName: "Boulangerie du Pont", offerTitle: "Vendeur ou vendeuse" });
  });

  it("consent shows the badges with their verification link; revoking hides them at once, for the past application too", async () => {
    await setJobConsent(db, nadia, consent("badges", true));
    await setJobConsent(db, nadia, consent("badges", true)); // a double submit records nothing more
    const [application] = await listApplicants(db, bakery.staff);
    expect((await viewApplicant(db, bakery.staff, application!.id)).badges?.map((b) => b.id)).toEqual([badgeId]);

    await setJobConsent(db, nadia, consent("badges", false));
    expect((await viewApplicant(db, bakery.staff, application!.id)).badges).toBeNull();

    const project = await getJobProject(db, nadia);
    expect(project.consents.map((c) => [c.scope, c.granted])).toEqual([
      ["badges", false],
      ["badges", true],
    ]);
    expect(project.disclosures.map((d) => d.shown)).toEqual([["profile"], ["profile", "badges"], ["profile"]]);
    expect(project.profile?.share_badges_since).toBeNull();
  });

  it("consent is never on by default, and only the person (or their mediator) can give it", async () => {
    const fresh = await learner(db, "Léa");
    const project = await getJobProject(db, fresh);
    expect(project.profile).toBeNull();
    await saveJobProfile(db, fresh, profile);
    const saved = await getJobProject(db, fresh);
    expect([saved.profile?.share_badges_since, saved.profile?.share_diagnostic_since]).toEqual([null, null]);
    expect(await statusOf(setJobConsent(db, mediator, consent("badges", true, fresh.id)))).toBe(403);
    expect(await statusOf(setJobConsent(db, bakery.staff, consent("badges", true)))).toBe(403);
    await setJobConsent(db, mediator, consent("diagnostic", true, nadia.id));
    expect((await getJobProject(db, nadia)).profile?.share_diagnostic_since).toBeInstanceOf(Date);
  });
});

describe("authorization (acceptance 4)", () => {
  it("a partner sees only the people who applied to its own offers, and cannot open or answer another's", async () => {
    await expressInterest(db, paul, garageOffer, { message: "" });
    const bakerySees = await listApplicants(db, bakery.staff);
    const garageSees = await listApplicants(db, garage.staff);
    expect(bakerySees.map((a) => [a.firstName, a.title])).toEqual([["Nadia", "Vendeur ou vendeuse"]]);
    expect(garageSees.map((a) => a.firstName).sort()).toEqual(["Nadia", "Paul"]);
    const paulsApplication = garageSees.find((a) => a.firstName === "Paul")!;
    expect(await statusOf(viewApplicant(db, bakery.staff, paulsApplication.id))).toBe(404);
    expect(await statusOf(answerApplication(db, bakery.staff, { intent: "answer", applicationId: paulsApplication.id, status: "hired", note: "" }))).toBe(404);
    // Learners, mediators and coordinators who are nobody's staff are not partners.
    expect(await statusOf(listApplicants(db, nadia))).toBe(403);
    expect(await listApplicants(db, coordinator)).toEqual([]);
  });

  it("a job seeker sees only their own applications, and cannot withdraw someone else's", async () => {
    const nadias = (await getJobProject(db, nadia)).applications;
    const pauls = (await getJobProject(db, paul)).applications;
    expect(nadias.map((a) => a.title).sort()).toEqual(["Aide mécanicien", "Vendeur ou vendeuse"]);
    expect(pauls.map((a) => a.title)).toEqual(["Aide mécanicien"]);
    expect(await statusOf(withdrawApplication(db, paul, nadias[0]!.id))).toBe(404);
    expect(await statusOf(getJobProject(db, paul, nadia.id))).toBe(403);
  });

  it("the partner's answer goes into the history the person and their mediator read, and notifies the person", async () => {
    const [application] = await listApplicants(db, bakery.staff);
    await answerApplication(db, bakery.staff, { intent: "answer", applicationId: application!.id, status: "interview", note: "Venez mardi à 10 h." });
    const mine = (await getJobProject(db, nadia)).applications.find((a) => a.id === application!.id)!;
    expect(mine.status).toBe("interview");
    expect(mine.history.map((e) => [e.status, e.note])).toEqual([
      ["interested", ""],
      ["interview", "Venez mardi à 10 h."],
    ]);
    const seenByMediator = (await getJobProject(db, mediator, nadia.id)).applications.find((a) => a.id === application!.id)!;
    expect(seenByMediator.history).toHaveLength(2);
    const note = await db.selectFrom("notification").select("message_key").where("user_id", "=", nadia.id).where("kind", "=", "job_answer").execute();
    expect(note).toEqual([{ message_key: "jobseekers:notification.answer_interview" }]);

    await withdrawApplication(db, nadia, application!.id);
    expect(await statusOf(viewApplicant(db, bakery.staff, application!.id))).toBe(409);
    expect(await statusOf(answerApplication(db, bakery.staff, { intent: "answer", applicationId: application!.id, status: "hired", note: "" }))).toBe(409);
  });
});
