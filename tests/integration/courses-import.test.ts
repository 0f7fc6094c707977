import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ContentError, importContentCourses, readContentDir } from "../../app/features/courses/content-import.server";
import { loadCoursePage, loadLessonPage, markLessonCompleted } from "../../app/features/courses/learning.server";
import { sanitizeDocument } from "../../app/features/courses/rich-text/sanitize";
import { DEMO_ACTIVITIES } from "../../app/features/h5p/seed.server";
import { importPaths } from "../../app/features/paths/import.server";
import type { Db } from "../../app/lib/db.server";
import { cloneTemplate, testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-import-"));
process.env.DATA_DIR = dataDir;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the courses shipped in content/courses", () => {
  it("are the seven courses of the issues, 3 to 6 lessons each, and import once", async () => {
    const courses = await readContentDir(path.resolve("content/courses"));
    const expected: Record<string, string> = {
      "Créer et utiliser une adresse e-mail": "seniors",
      "Se protéger des arnaques en ligne": "everyone",
      "Faire son CV et candidater en ligne": "job_seekers",
      "Rendre son commerce visible sur internet": "business_owners",
      "Découvrir la programmation": "youth",
      "Prendre en main son smartphone ou sa tablette": "seniors,everyone",
      "Faire ses démarches en ligne": "seniors,everyone",
    };
    expect(Object.fromEntries(courses.map((c) => [c.meta.title, c.meta.audiences.join()]))).toEqual(expected);
    for (const course of courses) {
      expect(course.lessons.length, course.slug).toBeGreaterThanOrEqual(3);
      expect(course.lessons.length, course.slug).toBeLessThanOrEqual(6);
      expect(course.meta.status).toBe("published");
    }

    const first = await importContentCourses(db);
    expect([first.created.length, first.updated.length, first.unchanged.length]).toEqual([7, 0, 0]);
    const second = await importContentCourses(db);
    expect(second).toEqual({ created: [], updated: [], unchanged: first.created });

    // Every body is already within the allow-list, and uses the callouts.
    const lessons = await db.selectFrom("lesson").innerJoin("course", "course.id", "lesson.course_id").select(["course.slug", "lesson.body"]).where("course.slug", "in", first.created).execute();
    expect(lessons.length).toBe(courses.reduce((n, c) => n + c.lessons.length, 0));
    for (const { slug, body } of lessons) {
      expect(sanitizeDocument(body).dropped, slug).toBe(0);
    }
    for (const slug of first.created) {
      expect(JSON.stringify(lessons.filter((l) => l.slug === slug).map((l) => l.body)), slug).toContain('"type":"callout"');
    }
  });
});

describe("the badges shipped in content/paths and content/badges", () => {
  it("each asks for time in the lessons; a pass mark only where a counted course ends a lesson with a shipped quiz", async () => {
    await importContentCourses(db);
    await importPaths(db, path.resolve("content"));
    const achievements = await db.selectFrom("achievement").select(["slug", "pass_mark", "min_lesson_minutes", "path_id", "course_slug"]).execute();
    expect(achievements.length).toBe(5);
    const quizzed = new Set<string>(DEMO_ACTIVITIES.map((a) => a.course));
    for (const a of achievements) {
      expect(a.min_lesson_minutes, a.slug).toBeGreaterThanOrEqual(15);
      if (a.pass_mark === null) continue;
      const required = a.path_id
        ? (await db.selectFrom("path_step").select("course_slug").where("path_id", "=", a.path_id).where("optional", "=", false).where("kind", "=", "course").execute()).map((s) => s.course_slug!)
        : [a.course_slug!];
      expect(required.some((slug) => quizzed.has(slug)), a.slug).toBe(true);
    }
    expect(achievements.find((a) => a.slug === "parcours-autonome-avec-le-numerique")).toMatchObject({ pass_mark: 0.5, min_lesson_minutes: 30 });
  });
});

function writeCourse(dir: string, files: Record<string, string | Buffer>) {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

describe("importing a course folder", () => {
  const root = mkdtempSync(path.join(tmpdir(), "passerelle-content-"));
  const dir = path.join(root, "cours-de-test-import");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("creates, leaves alone, updates in place (keeping progress) and trashes what left the folder", async () => {
    writeCourse(dir, {
      "course.md": "---\ntitle: Cours de test\nsummary: >-\n  Résumé : avec deux-points.\naudiences: [everyone]\nthemes: [email]\ncover: couverture.png\ncover_alt: Une enveloppe\n---\n",
      "01-premiere.md": "---\ntitle: Première leçon\nmodule: Début\nminutes: 5\n---\nBonjour **à tous**.\n\n![Une enveloppe](couverture.png)\n",
      "02-deuxieme.md": "---\ntitle: Deuxième leçon\nmodule: Début\nminutes: 5\n---\n> [!ATTENTION]\n> Prudence.\n",
      "03-troisieme.md": "---\ntitle: Troisième leçon\nmodule: Suite\nminutes: 5\n---\nFin.\n",
      "couverture.png": PNG,
    });
    expect(await importContentCourses(db, root)).toEqual({ created: ["cours-de-test-import"], updated: [], unchanged: [] });
    const before = await loadCoursePage(db, null, "cours-de-test-import");
    expect(before.course.coverImageKey).toMatch(/\.png$/);
    expect(before.course.coverAlt).toBe("Une enveloppe");
    const [l1, l2, l3] = before.modules.flatMap((m) => m.lessons);
    const firstBody = (await loadLessonPage(db, null, "cours-de-test-import", l1!.id)).body;
    expect(JSON.stringify(firstBody)).toContain(`"src":"/fichiers/cours/${before.course.coverImageKey}"`);

    const user = await createUser(db);
    await markLessonCompleted(db, user, l1!.id);
    await markLessonCompleted(db, user, l3!.id);

    expect(await importContentCourses(db, root)).toEqual({ created: [], updated: [], unchanged: ["cours-de-test-import"] });

    // Correct a text, swap the order by renumbering, drop the third lesson.
    writeFileSync(path.join(dir, "01-premiere.md"), "---\ntitle: Première leçon (revue)\nmodule: Début\nminutes: 6\n---\nBonjour à toutes et à tous.\n");
    renameSync(path.join(dir, "01-premiere.md"), path.join(dir, "09-premiere.md"));
    unlinkSync(path.join(dir, "03-troisieme.md"));
    expect(await importContentCourses(db, root)).toEqual({ created: [], updated: ["cours-de-test-import"], unchanged: [] });

    const after = await loadCoursePage(db, user, "cours-de-test-import");
    expect(after.modules.map((m) => [m.title, m.lessons.map((l) => l.id)])).toEqual([["Début", [l2!.id, l1!.id]]]);
    expect(after.modules[0]!.lessons[1]).toMatchObject({ title: "Première leçon (revue)", minutes: 6, completed: true });
    // The third lesson and its module are in the course's trash, with the learner's progress on it.
    const trashed = await db.selectFrom("lesson").select(["deleted_at", "module_id"]).where("id", "=", l3!.id).executeTakeFirstOrThrow();
    expect(trashed.deleted_at).toBeInstanceOf(Date);
    const trashedModule = await db.selectFrom("course_module").select(["title", "deleted_at"]).where("id", "=", trashed.module_id).executeTakeFirstOrThrow();
    expect(trashedModule).toMatchObject({ title: "Suite", deleted_at: trashed.deleted_at });
    expect(await db.selectFrom("lesson_progress").select("completed_at").where("lesson_id", "=", l3!.id).where("user_id", "=", user.id).execute()).toHaveLength(1);
    expect(await importContentCourses(db, root)).toEqual({ created: [], updated: [], unchanged: ["cours-de-test-import"] });

    // Put back in the folder, at a position another lesson had meanwhile: it comes back from the trash, same id.
    writeFileSync(path.join(dir, "03-troisieme.md"), "---\ntitle: Troisième leçon\nmodule: Suite\nminutes: 5\n---\nFin.\n");
    expect(await importContentCourses(db, root)).toEqual({ created: [], updated: ["cours-de-test-import"], unchanged: [] });
    const back = await loadCoursePage(db, user, "cours-de-test-import");
    expect(back.modules.map((m) => [m.title, m.lessons.map((l) => l.id)])).toEqual([
      ["Début", [l2!.id, l1!.id]],
      ["Suite", [l3!.id]],
    ]);
    expect(back.modules[1]!.lessons[0]).toMatchObject({ completed: true });
  });

  it("names the file and the field of a mistake, and writes nothing", async () => {
    const bad = mkdtempSync(path.join(tmpdir(), "passerelle-bad-content-"));
    try {
      writeCourse(path.join(bad, "cours-fautif"), {
        "course.md": "---\ntitle: Cours fautif\naudiences: [martiens]\n---\n",
        "01-a.md": "---\ntitle: Leçon\nmodule: M\nminutes: 5\n---\nTexte\n",
      });
      await expect(importContentCourses(db, bad)).rejects.toThrow(ContentError);
      await expect(importContentCourses(db, bad)).rejects.toThrow(/cours-fautif\/course\.md: audiences/);
      expect(await db.selectFrom("course").select("id").where("slug", "=", "cours-fautif").execute()).toEqual([]);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

describe("npm run content:import", () => {
  it("says on the second run that nothing changed", async () => {
    const url = await cloneTemplate(`passerelle_courses_cli_${Date.now().toString(36)}_${inject("runId")}`);
    const env = { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const first = await run(tsx, ["scripts/content-import.ts"], { env });
    expect(first.stdout).toContain("Créés : 7");
    // The progress bar goes to stderr (cli-progress), the report to stdout.
    expect(first.stderr).toMatch(/Import des cours .*7\/7/);
    const second = await run(tsx, ["scripts/content-import.ts"], { env });
    expect(second.stdout).toContain("Créés : 0");
    expect(second.stdout).toContain("Mis à jour : 0");
    expect(second.stdout).toContain("Inchangés : 7");
    expect(second.stdout).toContain("Rien n'a changé : la base est déjà à jour.");
  }, 120_000);
});
