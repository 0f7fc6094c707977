import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { awardEarnedBadges, awardRecentlyEarnedBadges, getBadgeVerification, verifyPastedCredential } from "../../app/features/badges/service.server";
import { getBusinessReport, takeBusinessDiagnostic } from "../../app/features/business-diagnostic/service.server";
import { BUSINESS_QUESTIONS } from "../../app/features/business-diagnostic/questionnaire";
import { QUESTIONS } from "../../app/features/diagnostic/questions";
import { getDiagnosticResult, pruneAnonymousDiagnostics, takeDiagnostic } from "../../app/features/diagnostic/service.server";
import { claimResult } from "../../app/features/diagnostic/queries.server";
import { importPaths } from "../../app/features/paths/import.server";
import { getPathPage, listPathsOverview } from "../../app/features/paths/service.server";
import { currentDataVersion, listenToEmbeddedDataVersion } from "../../app/lib/data-version.server";
import { hashToken } from "../../app/lib/tokens.server";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";
import { attendClass, attendWorkshop, completeCourseThroughPlayer, CONTENT_ROOT, liftBadgeRequirements, PATH_COURSES } from "./paths-fixtures";

/** The same verbs on the embedded database (PGlite, PostgreSQL 17): the SQL must run on both. */
let opened: OpenedDatabase;
const BASE = "http://localhost:3000";

beforeAll(async () => {
  opened = await openDatabase({ memory: true });
  // Only the tables these domains read: migrating every domain on PGlite takes most of a minute here.
  const needed = ["2026-11-29_foundation", "2026-11-30_classrooms", "2026-11-30_courses", "2026-11-30_workshops", "2026-12-03_paths", "2026-12-07_courses-trash", "2026-12-10_badge-status-list", "2026-12-02_reports", "2026-12-12_evaluation-inputs", "2026-12-15_badge-evidence", "2026-12-10_outbox-person", "2026-12-13_outbox-attachments", "2026-12-18_questions-and-notifications", "2026-12-15_staff-invitations", "2026-12-19_jobs", "2026-12-24_data-version"];
  const provider = { getMigrations: async () => Object.fromEntries(needed.map((name) => [name, migrations[name]!])) };
  const { error } = await new Migrator({ db: opened.db, provider }).migrateToLatest();
  if (error) throw error;
}, 180_000);
afterAll(async () => {
  await opened?.close();
});

describe("paths, diagnostics and badges on PGlite", () => {
  it("imports, computes progress, claims a diagnostic, issues and verifies a badge, scores a business", async () => {
    const db = opened.db;
    const courses = new Map<string, Awaited<ReturnType<typeof seedCourse>>>();
    for (const slug of PATH_COURSES) courses.set(slug, await seedCourse(db, { slug, lessonsPerModule: 1 }));
    const report = await importPaths(db, CONTENT_ROOT);
    expect(report.imported).toHaveLength(5);
    expect((await importPaths(db, CONTENT_ROOT)).unchanged).toHaveLength(5);
    // One-lesson stub courses, clicked through: the shipped minutes and pass mark cannot be met (badges-evidence.test.ts tests them).
    await liftBadgeRequirements(db);

    const answers = Object.fromEntries(QUESTIONS.map((q) => [q.id, q.kind === "goal" ? "everyday" : q.options[q.options.length - 1]!.id]));
    const { resultId, token } = await takeDiagnostic(db, null, answers);
    const learner = await createUser(db, { firstName: "Josette" });
    expect(await claimResult(db, hashToken(token!), learner.id, new Date())).toBe(resultId);
    expect((await getDiagnosticResult(db, learner, resultId, null)).recommendedSlug).toBe("autonome-avec-le-numerique");
    expect(await pruneAnonymousDiagnostics(db)).toBe(0);

    const host = await createUser(db, { role: "mediator" });
    await attendWorkshop(db, learner.id, "prendre_en_main_du_materiel");
    await attendClass(db, learner, host.id, "/parcours/autonome-avec-le-numerique#etape-classe-questions", 0.9);
    await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
    await completeCourseThroughPlayer(db, learner, courses.get("se-proteger-des-arnaques-en-ligne")!);
    // What the last lesson's action does: the course completed, the path's badge is issued.
    expect(await awardEarnedBadges(db, learner.id, BASE)).toHaveLength(1);
    const page = await getPathPage(db, learner, "autonome-avec-le-numerique", { anonymousToken: null });
    // The diagnostic said this person already handles a phone: the smartphone course is skipped.
    expect(page.steps.map((s) => s.status)).toEqual(["done", "done", "done", "open", "done", "skipped", "open"]);
    expect(page.badge).toMatchObject({ revoked: false });
    expect((await getBadgeVerification(db, null, page.badge!.id)).status).toBe("valid");
    const row = await db.selectFrom("badge").select("credential_jwt").where("id", "=", page.badge!.id).executeTakeFirstOrThrow();
    expect((await verifyPastedCredential(db, row.credential_jwt)).status).toBe("valid");
    expect(await awardEarnedBadges(db, learner.id, BASE)).toEqual([]);
    expect(await awardRecentlyEarnedBadges(db, BASE)).toBe(0);
    expect((await listPathsOverview(db, learner, null)).recommendedSlug).toBe("autonome-avec-le-numerique");

    const business = await takeBusinessDiagnostic(db, null, {
      sector: "craft",
      answers: Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, q.options[0]!.id])),
    });
    expect((await getBusinessReport(db, business.token)).overall).toBe(100);
  }, 120_000);
});

describe("the data version on PGlite (decision 049)", () => {
  it("is known as soon as a write resolves: PGlite hears its own NOTIFY in this process", async () => {
    const stop = await listenToEmbeddedDataVersion(opened.embedded!);
    try {
      const first = BigInt(currentDataVersion()!);
      await seedCourse(opened.db, { lessonsPerModule: 1 });
      const second = BigInt(currentDataVersion()!);
      expect(second).toBeGreaterThan(first);
      const user = await createUser(opened.db);
      await opened.db.updateTable("app_user").set({ updated_at: new Date() }).where("id", "=", user.id).execute();
      expect(BigInt(currentDataVersion()!)).toBe(second);
    } finally {
      await stop();
    }
  });
});
