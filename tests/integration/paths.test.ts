import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { importPaths } from "../../app/features/paths/import.server";
import { getPathPage, listPathsOverview } from "../../app/features/paths/service.server";
import type { SeededCourse } from "./courses-helpers";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { attendClass, attendWorkshop, completeCourseThroughPlayer, CONTENT_ROOT, seedPathsAndCourses } from "./paths-fixtures";

const SENIORS = "autonome-avec-le-numerique";
let db: Db;
let courses: Map<string, SeededCourse>;
let host: User;
let workdir: string;

beforeAll(async () => {
  db = await testDb();
  courses = await seedPathsAndCourses(db);
  host = await createUser(db, { role: "mediator" });
  workdir = await mkdtemp(path.join(tmpdir(), "passerelle-paths-"));
});
afterAll(async () => {
  await rm(workdir, { recursive: true, force: true });
});

const page = (user: User | null, slug = SENIORS) => getPathPage(db, user, slug, { anonymousToken: null });
const statusOf = async (user: User | null, slug = SENIORS) => Object.fromEntries((await page(user, slug)).steps.map((s) => [s.key, s.status]));

describe("importing paths from content/", () => {
  it("imported the four paths with their steps, prerequisites and badges", async () => {
    const paths = await db.selectFrom("learning_path").select(["slug", "audience", "title"]).orderBy("position").execute();
    expect(paths.map((p) => [p.slug, p.audience])).toEqual([
      ["autonome-avec-le-numerique", "seniors"],
      ["creer-et-coder", "youth"],
      ["trouver-un-emploi-avec-le-numerique", "job_seekers"],
      ["developper-son-activite-en-ligne", "business_owners"],
    ]);
    const steps = await db
      .selectFrom("path_step")
      .innerJoin("learning_path", "learning_path.id", "path_step.path_id")
      .select(["path_step.key", "path_step.kind", "path_step.requires", "path_step.optional"])
      .where("learning_path.slug", "=", SENIORS)
      .orderBy("path_step.position")
      .execute();
    expect(steps.map((s) => s.kind)).toEqual(["course", "workshop_theme", "course", "workshop_theme", "classroom", "course", "course"]);
    expect(steps[2]!.requires).toEqual(["adresse-e-mail"]);
    const achievements = await db.selectFrom("achievement").select(["slug", "kind"]).orderBy("slug").execute();
    expect(achievements.map((a) => a.slug)).toEqual([
      "cours-decouvrir-la-programmation",
      "parcours-autonome-avec-le-numerique",
      "parcours-creer-et-coder",
      "parcours-developper-son-activite-en-ligne",
      "parcours-trouver-un-emploi-avec-le-numerique",
    ]);
  });

  it("skips unchanged files, updates changed ones and drops removed steps", async () => {
    const again = await importPaths(db, CONTENT_ROOT);
    expect(again.unchanged).toHaveLength(5);
    expect(again.imported).toEqual([]);

    const dir = path.join(workdir, "changed");
    await cp(CONTENT_ROOT, dir, { recursive: true });
    const file = path.join(dir, "paths", "creer-et-coder.md");
    const raw = await readFile(file, "utf8");
    // Remove the last step (the class) and rename the path.
    const edited = raw.replace("title: Créer et coder\n", "title: Créer et coder (v2)\n").replace(/  - key: classe-projet[\s\S]*?(?=---\n)/, "");
    await writeFile(file, edited);
    const report = await importPaths(db, dir);
    expect(report.imported).toContain("creer-et-coder");
    const path2 = await db.selectFrom("learning_path").select(["id", "title"]).where("slug", "=", "creer-et-coder").executeTakeFirstOrThrow();
    expect(path2.title).toBe("Créer et coder (v2)");
    const keys = await db.selectFrom("path_step").select("key").where("path_id", "=", path2.id).orderBy("position").execute();
    expect(keys.map((k) => k.key)).toEqual(["programmation", "atelier-creer", "securite", "atelier-ia"]);
    // Back to the shipped version.
    await importPaths(db, CONTENT_ROOT);
  });

  it("refuses a folder with one broken file and writes nothing", async () => {
    const dir = path.join(workdir, "broken");
    await cp(CONTENT_ROOT, dir, { recursive: true });
    await writeFile(
      path.join(dir, "paths", "zz-casse.md"),
      "---\nslug: casse\ntitle: Cassé\naudience: seniors\ngoal: x\nbadge: { name: a, description: b, criteria: c }\nsteps:\n  - key: a\n    title: A\n    requires: [b]\n    course: un-cours\n---\n",
    );
    await writeFile(path.join(dir, "paths", "creer-et-coder.md"), (await readFile(path.join(dir, "paths", "creer-et-coder.md"), "utf8")).replace("Créer et coder\n", "Changé\n"));
    await expect(importPaths(db, dir)).rejects.toThrow(/zz-casse\.md[\s\S]*not an earlier step/);
    const title = await db.selectFrom("learning_path").select("title").where("slug", "=", "creer-et-coder").executeTakeFirstOrThrow();
    expect(title.title).toBe("Créer et coder");
    expect(await db.selectFrom("learning_path").select("id").where("slug", "=", "casse").executeTakeFirst()).toBeUndefined();
  });
});

describe("path page", () => {
  it("shows a visitor the first step open and the third locked by the first, by name", async () => {
    const p = await page(null);
    expect(p.title).toBe("Autonome avec le numérique au quotidien");
    expect(p.steps[0]).toMatchObject({ status: "open", isNext: true, link: "/cours/creer-et-utiliser-une-adresse-e-mail" });
    expect(p.steps[2]).toMatchObject({ status: "locked", lockedBy: [{ key: "adresse-e-mail", title: "Créer et utiliser une adresse e-mail" }] });
    expect(p.steps[1]).toMatchObject({ status: "open", optional: true, link: "/ateliers?theme=prendre_en_main_du_materiel" });
    expect(p.progress.next?.key).toBe("adresse-e-mail");
    expect(p.badge).toBeNull();
  });

  it("is a 404 for an unknown path", async () => {
    await expect(page(null, "nexiste-pas")).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("derives progress from completed courses, attended workshops and attended classes", async () => {
    const learner = await createUser(db);
    await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
    expect(await statusOf(learner)).toMatchObject({ "adresse-e-mail": "done", arnaques: "open", "atelier-demarches": "open" });

    // Enrolled but not finished: "in progress".
    const arnaques = courses.get("se-proteger-des-arnaques-en-ligne")!;
    const { completeLessonAndContinue } = await import("../../app/features/courses/learning.server");
    await completeLessonAndContinue(db, learner, arnaques.slug, arnaques.lessons[0]!);
    expect((await statusOf(learner)).arnaques).toBe("in_progress");

    // Any workshop of the step's theme counts.
    await attendWorkshop(db, learner.id, "prendre_en_main_du_materiel");
    expect((await statusOf(learner))["atelier-prise-en-main"]).toBe("done");

    // A class linked to the step counts only when attended at least 75 %.
    await completeLessonAndContinue(db, learner, arnaques.slug, arnaques.lessons[1]!);
    await attendClass(db, learner, host.id, `/parcours/${SENIORS}#etape-classe-questions`, 0.5);
    expect((await statusOf(learner))["classe-questions"]).toBe("open");
    await attendClass(db, learner, host.id, `/parcours/${SENIORS}#etape-classe-questions`, 0.8);
    expect((await statusOf(learner))["classe-questions"]).toBe("done");

    const p = await page(learner);
    expect(p.progress).toMatchObject({ requiredDone: 2, requiredCount: 2, complete: true });
    expect(p.steps.find((s) => s.key === "adresse-e-mail")!.doneAt).toBeInstanceOf(Date);
  });

  it("shows a course step as not available while its course is unpublished", async () => {
    await db.updateTable("course").set({ status: "draft" }).where("slug", "=", "faire-son-cv-et-candidater-en-ligne").execute();
    try {
      const learner = await createUser(db);
      await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
      expect((await statusOf(learner, "trouver-un-emploi-avec-le-numerique")).cv).toBe("unavailable");
    } finally {
      await db.updateTable("course").set({ status: "published" }).where("slug", "=", "faire-son-cv-et-candidater-en-ligne").execute();
    }
  });

  it("lists the upcoming classes linked to a class step", async () => {
    const startsAt = new Date(Date.now() + 86400_000);
    await db
      .insertInto("classroom")
      .values({
        title: "Vos questions sur la sécurité",
        linked_path: `/parcours/${SENIORS}#etape-classe-questions`,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 3600_000),
        capacity: 12,
        host_id: host.id,
        room_name: `salle-${crypto.randomUUID()}`,
      })
      .execute();
    const step = (await page(null)).steps.find((s) => s.key === "classe-questions")!;
    expect(step.upcomingClasses.map((c) => c.title)).toEqual(["Vos questions sur la sécurité"]);
  });
});

describe("paths overview", () => {
  it("lists the four paths with the learner's progress", async () => {
    const learner = await createUser(db);
    await completeCourseThroughPlayer(db, learner, courses.get("rendre-son-commerce-visible-sur-internet")!);
    const overview = await listPathsOverview(db, learner, null);
    expect(overview.paths).toHaveLength(4);
    expect(overview.paths.find((p) => p.slug === "developper-son-activite-en-ligne")!.progress).toMatchObject({ requiredDone: 1, requiredCount: 2, started: true });
    expect(overview.recommendedSlug).toBeNull();
    const anonymous = await listPathsOverview(db, null, null);
    expect(anonymous.paths.every((p) => p.progress === null)).toBe(true);
  });
});
