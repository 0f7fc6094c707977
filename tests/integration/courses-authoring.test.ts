import { FieldError } from "../../app/lib/errors";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import * as authoring from "../../app/features/courses/authoring.server";
import { readCourseImage } from "../../app/features/courses/images.server";
import { listCompletedCourses, loadCatalogue, loadCoursePage, markLessonCompleted } from "../../app/features/courses/learning.server";
import { trashCourseItem } from "../../app/features/courses/trash.server";
import type { Db } from "../../app/lib/db.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";

// Uploaded images go to a private folder (the storage instance is created
// on first use and reads DATA_DIR then).
const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-courses-"));
process.env.DATA_DIR = dataDir;

// A real 1×1 PNG.
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));

let db: Db;
let learner: User;
let teacher: User;
let mediator: User;
let otherTeacher: User;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  [learner, teacher, mediator, otherTeacher, coordinator] = await Promise.all([
    createUser(db, { role: "learner" }),
    createUser(db, { role: "teacher" }),
    createUser(db, { role: "mediator" }),
    createUser(db, { role: "teacher" }),
    createUser(db, { role: "coordinator" }),
  ]);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function status(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof FieldError) return 400;
    return (error as { init?: { status?: number } }).init?.status ?? 500;
  }
}

const details = (title: string) => ({
  title,
  summary: "Un cours d'essai.",
  objectives: ["Comprendre", "Pratiquer"],
  audiences: ["seniors" as const],
  themes: ["email" as const],
  competences: ["2.1" as const],
  level: "debutant" as const,
});

describe("writing a course", () => {
  it("creates a course, modules and lessons, reorders them and publishes it", async () => {
    const course = await authoring.createCourse(db, teacher, details("Écrire à ses petits-enfants"));
    expect(course.slug).toBe("ecrire-a-ses-petits-enfants");
    const again = await authoring.createCourse(db, mediator, details("Écrire à ses petits-enfants"));
    expect(again.slug).toBe("ecrire-a-ses-petits-enfants-2");

    const m1 = await authoring.addModule(db, teacher, course.id, "Premiers pas");
    const m2 = await authoring.addModule(db, teacher, course.id, "Aller plus loin");
    const a = await authoring.addLesson(db, teacher, course.id, m1.id, "Leçon A");
    const b = await authoring.addLesson(db, teacher, course.id, m1.id, "Leçon B");
    const c = await authoring.addLesson(db, teacher, course.id, m2.id, "Leçon C");
    const order = async () =>
      (await authoring.loadCourseForEditing(db, teacher, course.id)).modules.map((m) => [m.title, m.lessons.map((l) => l.title)]);
    expect(await order()).toEqual([["Premiers pas", ["Leçon A", "Leçon B"]], ["Aller plus loin", ["Leçon C"]]]);

    await authoring.moveLesson(db, teacher, course.id, b.id, "up");
    expect(await order()).toEqual([["Premiers pas", ["Leçon B", "Leçon A"]], ["Aller plus loin", ["Leçon C"]]]);
    // Past the end of its module, a lesson goes to the front of the next one, and back.
    await authoring.moveLesson(db, teacher, course.id, a.id, "down");
    expect(await order()).toEqual([["Premiers pas", ["Leçon B"]], ["Aller plus loin", ["Leçon A", "Leçon C"]]]);
    await authoring.moveLesson(db, teacher, course.id, a.id, "up");
    expect(await order()).toEqual([["Premiers pas", ["Leçon B", "Leçon A"]], ["Aller plus loin", ["Leçon C"]]]);
    await authoring.moveModule(db, teacher, course.id, m2.id, "up");
    expect(await order()).toEqual([["Aller plus loin", ["Leçon C"]], ["Premiers pas", ["Leçon B", "Leçon A"]]]);
    await authoring.moveModule(db, teacher, course.id, m2.id, "up"); // already first: nothing changes
    await authoring.renameModule(db, teacher, course.id, m1.id, "Les bases");
    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: c.id });
    expect(await order()).toEqual([["Aller plus loin", []], ["Les bases", ["Leçon B", "Leçon A"]]]);

    expect((await loadCatalogue(db, learner, { q: "petits-enfants", page: 1 })).total).toBe(0);
    await authoring.setCoursePublished(db, teacher, course.id, true);
    const found = await loadCatalogue(db, learner, { q: "petits enfants", page: 1 });
    expect(found.courses.map((x) => x.slug)).toEqual([course.slug]);
    // Lesson titles feed the search too.
    expect((await loadCatalogue(db, learner, { q: "lecon", page: 1 })).courses.map((x) => x.slug)).toContain(course.slug);
    await authoring.setCoursePublished(db, teacher, course.id, false);
    expect((await loadCatalogue(db, learner, { q: "petits enfants", page: 1 })).total).toBe(0);
  });

  it("refuses to publish an empty course and to take a slug already used", async () => {
    const course = await authoring.createCourse(db, teacher, details("Cours vide"));
    expect(await status(authoring.setCoursePublished(db, teacher, course.id, true))).toBe(409);
    expect(await status(authoring.createCourse(db, teacher, { ...details("Autre"), slug: course.slug }))).toBe(400);
    const other = await authoring.createCourse(db, teacher, details("Un autre cours"));
    expect(await status(authoring.updateCourseDetails(db, teacher, other.id, { ...details("Un autre cours"), slug: course.slug }))).toBe(400);
  });

  it("cleans lesson bodies through the allow-list before storing them", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, status: "draft" });
    const body = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2, onclick: "alert(1)" }, content: [{ type: "text", text: "Titre" }] },
        { type: "script", content: [{ type: "text", text: "alert(1)" }] },
        { type: "paragraph", content: [{ type: "text", text: "lien", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] },
        { type: "image", attrs: { src: "https://tracker.example/x.gif", alt: "x", onerror: "alert(1)" } },
      ],
    };
    const saved = await authoring.saveLesson(db, teacher, course.id, course.lessons[0]!, { title: "Nouvelle", estimatedMinutes: 7, required: true, body });
    expect(saved.dropped).toBe(3);
    const row = await db.selectFrom("lesson").selectAll().where("id", "=", course.lessons[0]!).executeTakeFirstOrThrow();
    expect(row.body).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Titre" }] },
        { type: "paragraph", content: [{ type: "text", text: "lien" }] },
      ],
    });
    expect([row.title, row.estimated_minutes]).toEqual(["Nouvelle", 7]);
  });

  it("stores covers and lesson images by their sniffed type only", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, status: "draft" });
    const cover = await authoring.setCourseCover(db, teacher, course.id, { file: new File([PNG], "photo.svg", { type: "image/svg+xml" }), alt: "Une boîte aux lettres" });
    expect(cover.contentType).toBe("image/png");
    expect(cover.fileName).toMatch(/^[0-9a-f-]{36}\.png$/);
    const page = await loadCoursePage(db, teacher, course.slug);
    expect([page.course.coverImageKey, page.course.coverAlt]).toEqual([cover.fileName, "Une boîte aux lettres"]);
    expect((await readCourseImage(cover.fileName))?.contentType).toBe("image/png");

    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect(await status(authoring.uploadLessonImage(db, teacher, course.id, svg))).toBe(415);
    expect(await status(authoring.uploadLessonImage(db, teacher, course.id, new TextEncoder().encode("<html><script>alert(1)</script>")))).toBe(415);
    expect(await status(authoring.uploadLessonImage(db, teacher, course.id, new Uint8Array(0)))).toBe(400);
    const image = await authoring.uploadLessonImage(db, teacher, course.id, PNG);
    expect(image.url).toBe(`/fichiers/cours/${image.fileName}`);
    expect(await readCourseImage("../../etc/passwd")).toBeNull();
    expect(await readCourseImage("00000000-0000-0000-0000-000000000000.png")).toBeNull();

    // Replacing the cover removes the old file.
    const second = await authoring.setCourseCover(db, teacher, course.id, { file: new File([PNG], "b.png"), alt: "Autre" });
    expect(await readCourseImage(cover.fileName)).toBeNull();
    expect(await readCourseImage(second.fileName)).not.toBeNull();
    // The database refuses a cover without alternative text, whoever writes it.
    await expect(db.updateTable("course").set({ cover_alt: " " }).where("id", "=", course.id).execute()).rejects.toThrow(/course_cover_alt_required/);
  });
});

describe("required and optional lessons", () => {
  it("completes the course for whoever has done every other lesson when the last one left is made optional", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, modules: 1, lessonsPerModule: 2 });
    const [first, second] = course.lessons as [string, string];
    const done = await createUser(db);
    await markLessonCompleted(db, done, first);
    expect(await listCompletedCourses(db, done.id)).toEqual([]);
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Pour aller plus loin." }] }] };
    await authoring.saveLesson(db, teacher, course.id, second, { title: "Pour aller plus loin", estimatedMinutes: 5, required: false, body });
    expect((await listCompletedCourses(db, done.id)).map((c) => c.courseId)).toEqual([course.id]);
    // Making it required again takes no completion back.
    await authoring.saveLesson(db, teacher, course.id, second, { title: "Pour aller plus loin", estimatedMinutes: 5, required: true, body });
    expect((await listCompletedCourses(db, done.id)).map((c) => c.courseId)).toEqual([course.id]);
  });
});

describe("who may write what", () => {
  it("refuses learners everything, with a 403", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, status: "draft" });
    const checks: [string, () => Promise<unknown>][] = [
      ["list", () => authoring.listMyCourses(db, learner, 1)],
      ["create", () => authoring.createCourse(db, learner, details("Pirate"))],
      ["load", () => authoring.loadCourseForEditing(db, learner, course.id)],
      ["details", () => authoring.updateCourseDetails(db, learner, course.id, details("Pirate"))],
      ["publish", () => authoring.setCoursePublished(db, learner, course.id, true)],
      ["module", () => authoring.addModule(db, learner, course.id, "Pirate")],
      ["lesson", () => authoring.loadLessonForEditing(db, learner, course.id, course.lessons[0]!)],
      ["save", () => authoring.saveLesson(db, learner, course.id, course.lessons[0]!, { title: "Pirate", estimatedMinutes: 1, required: true, body: {} })],
      ["image", () => authoring.uploadLessonImage(db, learner, course.id, PNG)],
    ];
    for (const [name, check] of checks) expect(await status(check()), name).toBe(403);
    expect(() => authoring.requireAuthor(learner)).toThrow();
  });

  it("lets authors edit their own courses only, and coordinators all of them", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, status: "draft" });
    expect(await status(authoring.loadCourseForEditing(db, otherTeacher, course.id))).toBe(403);
    expect(await status(authoring.loadLessonForEditing(db, otherTeacher, course.id, course.lessons[0]!))).toBe(403);
    expect(await status(authoring.setCoursePublished(db, mediator, course.id, true))).toBe(403);
    expect(await status(trashCourseItem(db, otherTeacher, course.id, { kind: "lesson", id: course.lessons[0]! }))).toBe(403);
    expect(await status(authoring.loadCourseForEditing(db, teacher, course.id))).toBe(200);
    expect(await status(authoring.loadCourseForEditing(db, coordinator, course.id))).toBe(200);

    const mine = await authoring.listMyCourses(db, otherTeacher, 1);
    expect(mine.courses.map((c) => c.id)).not.toContain(course.id);
    expect((await authoring.listMyCourses(db, teacher, 1)).courses.map((c) => c.id)).toContain(course.id);
    const all = await authoring.listMyCourses(db, coordinator, 1);
    expect(all.all).toBe(true);
    expect(all.total).toBeGreaterThanOrEqual(1);
  });

  it("does not let a module or lesson of one course be changed through another (IDOR)", async () => {
    const mine = await seedCourse(db, { authorId: teacher.id, status: "draft" });
    const theirs = await seedCourse(db, { authorId: otherTeacher.id, status: "draft" });
    const attempts: [string, () => Promise<unknown>][] = [
      ["rename", () => authoring.renameModule(db, teacher, mine.id, theirs.modules[0]!, "Volé")],
      ["delete module", () => trashCourseItem(db, teacher, mine.id, { kind: "module", id: theirs.modules[0]! })],
      ["move module", () => authoring.moveModule(db, teacher, mine.id, theirs.modules[0]!, "down")],
      ["add lesson", () => authoring.addLesson(db, teacher, mine.id, theirs.modules[0]!, "Intruse")],
      ["move lesson", () => authoring.moveLesson(db, teacher, mine.id, theirs.lessons[0]!, "down")],
      ["delete lesson", () => trashCourseItem(db, teacher, mine.id, { kind: "lesson", id: theirs.lessons[0]! })],
      ["load lesson", () => authoring.loadLessonForEditing(db, teacher, mine.id, theirs.lessons[0]!)],
      ["save lesson", () => authoring.saveLesson(db, teacher, mine.id, theirs.lessons[0]!, { title: "Volé", estimatedMinutes: 1, required: true, body: {} })],
    ];
    for (const [name, attempt] of attempts) expect(await status(attempt()), name).toBe(404);
    const untouched = await db.selectFrom("lesson").select(["title", "module_id"]).where("course_id", "=", theirs.id).execute();
    expect(untouched.map((l) => l.title)).toEqual(["Leçon 1.1", "Leçon 1.2", "Leçon 1.3"]);
    expect((await db.selectFrom("course_module").select("title").where("id", "=", theirs.modules[0]!).executeTakeFirstOrThrow()).title).toBe("Module 1");
    expect(await status(authoring.loadCourseForEditing(db, teacher, "pas-un-uuid"))).toBe(404);
  });
});
