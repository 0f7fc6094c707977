import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { OPEN_BADGE_CREDENTIAL_SCHEMA, validateJsonSchema } from "../../app/features/badges/ob3-schema";
import { badgeDownload } from "../../app/features/badges/downloads.server";
import { awardEarnedBadges, getBadgeVerification, setCertificateFamilyName } from "../../app/features/badges/service.server";
import { pdfInfo, pdfToText } from "../helpers/pdf-check";
import type { SeededCourse } from "./courses-helpers";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";
import { attendWorkshop, completeCourseThroughPlayer, seedPathsAndCourses } from "./paths-fixtures";

const BASE = "https://passerelle.test";
let db: Db;
let courses: Map<string, SeededCourse>;

beforeAll(async () => {
  db = await testDb();
  courses = await seedPathsAndCourses(db);
});

const SENIORS_ACHIEVEMENT = "parcours-autonome-avec-le-numerique";
const setRequirements = (passMark: number | null, minutes: number | null) =>
  db.updateTable("achievement").set({ pass_mark: passMark, min_lesson_minutes: minutes }).where("slug", "=", SENIORS_ACHIEVEMENT).execute();

async function learnerThroughSeniorsPath() {
  const learner = await createUser(db, { firstName: "Josette" });
  await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
  await completeCourseThroughPlayer(db, learner, courses.get("se-proteger-des-arnaques-en-ligne")!);
  return learner;
}

describe("badges with evidence", () => {
  it("gives no badge for lessons clicked through in seconds when time is required, and one once the time is there", async () => {
    await setRequirements(null, 20);
    try {
      const learner = await learnerThroughSeniorsPath();
      expect(await awardEarnedBadges(db, learner.id, BASE)).toEqual([]);
      // The same lessons, opened 5 minutes before being marked done (as a real reader would).
      await sql`update lesson_progress set started_at = completed_at - interval '5 minutes' where user_id = ${learner.id}`.execute(db);
      const [badgeId] = await awardEarnedBadges(db, learner.id, BASE);
      expect(badgeId).toBeDefined();
    } finally {
      await setRequirements(null, null);
    }
  });

  it("needs a scored activity at the pass mark", async () => {
    await setRequirements(0.7, null);
    try {
      const learner = await learnerThroughSeniorsPath();
      expect(await awardEarnedBadges(db, learner.id, BASE)).toEqual([]);
      const [lesson] = await db.selectFrom("lesson_progress").select("lesson_id").where("user_id", "=", learner.id).execute();
      await db.updateTable("lesson_progress").set({ best_score: 0.6 }).where("user_id", "=", learner.id).where("lesson_id", "=", lesson!.lesson_id).execute();
      expect(await awardEarnedBadges(db, learner.id, BASE)).toEqual([]);
      await db.updateTable("lesson_progress").set({ best_score: 0.85 }).where("user_id", "=", learner.id).where("lesson_id", "=", lesson!.lesson_id).execute();
      expect(await awardEarnedBadges(db, learner.id, BASE)).toHaveLength(1);
    } finally {
      await setRequirements(null, null);
    }
  });

  it("lists the courses completed, the score, the workshop attended and the dates in the signed credential and on the verify page", async () => {
    const learner = await learnerThroughSeniorsPath();
    await db.updateTable("lesson_progress").set({ best_score: 0.9 }).where("user_id", "=", learner.id).execute();
    await attendWorkshop(db, learner.id, "prendre_en_main_du_materiel");
    const [badgeId] = await awardEarnedBadges(db, learner.id, BASE);
    const badge = await db.selectFrom("badge").select("credential").where("id", "=", badgeId!).executeTakeFirstOrThrow();
    const credential = badge.credential as { evidence: { name: string; description: string }[]; credentialSubject: { activityStartDate: string; activityEndDate: string } };
    expect(validateJsonSchema(credential, OPEN_BADGE_CREDENTIAL_SCHEMA)).toEqual([]);
    // The seeded courses are titled "Cours <slug>".
    expect(credential.evidence.map((e) => e.name)).toEqual(
      expect.arrayContaining(["Cours « Cours creer-et-utiliser-une-adresse-e-mail »", "Cours « Cours se-proteger-des-arnaques-en-ligne »"]),
    );
    expect(credential.evidence.find((e) => e.name.startsWith("Cours"))!.description).toMatch(/^Terminé le \d{4}-\d{2}-\d{2} ; \d+ leçons? ; \d+ min dans les leçons ; score 90 %$/);
    expect(credential.evidence.some((e) => e.name.startsWith("Atelier « ") && /^Présence le \d{4}-\d{2}-\d{2}/.test(e.description))).toBe(true);
    expect(Date.parse(credential.credentialSubject.activityStartDate)).toBeLessThanOrEqual(Date.parse(credential.credentialSubject.activityEndDate));

    const page = await getBadgeVerification(db, null, badgeId!);
    expect(page.status).toBe("valid");
    expect(page.evidence).toHaveLength(credential.evidence.length);
    expect(page.activityStart).toBe(credential.credentialSubject.activityStartDate);
  });

  it("prints the family name the learner gives when claiming the certificate, and never asks a minor", async () => {
    const learner = await learnerThroughSeniorsPath();
    const [badgeId] = await awardEarnedBadges(db, learner.id, BASE);
    const before = pdfToText(Buffer.from(await (await badgeDownload(db, learner, badgeId!, "pdf", "fr")).arrayBuffer()));
    expect(before).toContain("Josette");
    expect(before).not.toContain("Martin-Ağça");
    expect((await getBadgeVerification(db, learner, badgeId!)).certificateName).toEqual({ firstName: "Josette", familyName: "" });

    await setCertificateFamilyName(db, learner, badgeId!, "Martin-Ağça");
    const pdf = Buffer.from(await (await badgeDownload(db, learner, badgeId!, "pdf", "fr")).arrayBuffer());
    const text = pdfToText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Josette Martin-Ağça");
    expect(text).toContain("pour avoir suivi le parcours");
    expect(text).not.toContain("le parcours ou le cours");
    expect(pdfInfo(pdf).Pages).toBe("1");
    // Someone else cannot name another person's certificate.
    const stranger = await createUser(db);
    expect(await statusOf(setCertificateFamilyName(db, stranger, badgeId!, "Intrus"))).toBe(404);

    const minor = await createUser(db, { firstName: "Léo" });
    await db.updateTable("app_user").set({ age_band: "moins_de_douze" }).where("id", "=", minor.id).execute();
    const minorUser = { ...minor, age_band: "moins_de_douze" };
    await completeCourseThroughPlayer(db, minorUser, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
    await completeCourseThroughPlayer(db, minorUser, courses.get("se-proteger-des-arnaques-en-ligne")!);
    const [minorBadge] = await awardEarnedBadges(db, minor.id, BASE);
    expect((await getBadgeVerification(db, minorUser, minorBadge!)).certificateName).toBeNull();
    expect(await statusOf(setCertificateFamilyName(db, minorUser, minorBadge!, "Dupont"))).toBe(403);
  });
});
