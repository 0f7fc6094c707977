import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import * as authoring from "../../app/features/courses/authoring.server";
import {
  listCompletedCourses,
  loadCatalogue,
  loadCoursePage,
  loadLessonPage,
  markLessonCompleted,
} from "../../app/features/courses/learning.server";
import { loadCourseEditor, purgeExpiredCourseTrash, restoreCourseItem, trashCourseItem } from "../../app/features/courses/trash.server";
import { refreshStats } from "../../app/features/reports/refresh.server";
import type { Db } from "../../app/lib/db.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";

let db: Db;
let teacher: User;
let otherTeacher: User;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  [teacher, otherTeacher, coordinator] = await Promise.all([
    createUser(db, { role: "teacher", firstName: "Théo" }),
    createUser(db, { role: "teacher", firstName: "Théo" }),
    createUser(db, { role: "coordinator", firstName: "Claire" }),
  ]);
});

async function status(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status ?? 500;
  }
}

const learner = () => createUser(db, { role: "learner" });
const titles = async (slug: string, user: User | null = null) =>
  (await loadCoursePage(db, user, slug)).modules.map((m) => [m.title, m.lessons.map((l) => l.title)]);
const progressRows = (lessonId: string) => db.selectFrom("lesson_progress").selectAll().where("lesson_id", "=", lessonId).execute();

describe("the course trash", () => {
  it("trashes a lesson after a confirmation that counts its learners, hides it, keeps progress, and restores it in place", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, modules: 1, lessonsPerModule: 3 });
    const [l1, l2, l3] = course.lessons as [string, string, string];
    const [a, b] = [await learner(), await learner()];
    await markLessonCompleted(db, a, l2);
    // Started, not completed: a row from before decision 042 (opening a lesson no longer writes one).
    await db.insertInto("lesson_progress").values({ user_id: b.id, lesson_id: l2, course_id: course.id }).execute();

    const confirm = await loadCourseEditor(db, teacher, course.id, { kind: "lesson", id: l2 });
    expect(confirm.pendingDeletion).toMatchObject({ kind: "lesson", title: "Leçon 1.2", lessonCount: 1, started: 2, completed: 1, completesCourse: 0 });
    expect(await db.selectFrom("lesson").select("deleted_at").where("id", "=", l2).executeTakeFirstOrThrow()).toEqual({ deleted_at: null });
    // A malformed or unknown target shows no confirmation.
    expect((await loadCourseEditor(db, teacher, course.id, { kind: "lesson", id: "pas-un-id" })).pendingDeletion).toBeNull();

    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 });
    expect(await titles(course.slug)).toEqual([["Module 1", ["Leçon 1.1", "Leçon 1.3"]]]);
    expect(await status(loadLessonPage(db, a, course.slug, l2))).toBe(404);
    expect(await status(markLessonCompleted(db, a, l2))).toBe(404);
    expect(await status(authoring.loadLessonForEditing(db, teacher, course.id, l2))).toBe(404);
    const player = await loadLessonPage(db, a, course.slug, l1);
    expect([player.next?.id, player.lessonCount, player.progress]).toEqual([l3, 2, { completed: 0, total: 2 }]);
    expect((await progressRows(l2)).length).toBe(2);

    const editor = await loadCourseEditor(db, teacher, course.id);
    expect(editor.trash).toMatchObject([{ kind: "lesson", id: l2, title: "Leçon 1.2", moduleTitle: "Module 1", deletedBy: "Théo" }]);
    expect(editor.trash[0]!.purgedAfter.getTime() - editor.trash[0]!.deletedAt.getTime()).toBe(30 * 86_400_000);

    // Moving lessons around meanwhile does not take its place.
    await authoring.moveLesson(db, teacher, course.id, l3, "up");
    await authoring.moveLesson(db, teacher, course.id, l3, "down");
    await authoring.addLesson(db, teacher, course.id, course.modules[0]!, "Leçon ajoutée");
    await restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 });
    expect(await titles(course.slug)).toEqual([["Module 1", ["Leçon 1.1", "Leçon 1.2", "Leçon 1.3", "Leçon ajoutée"]]]);
    expect((await progressRows(l2)).map((p) => p.completed_at !== null).sort()).toEqual([false, true]);
    expect((await loadCourseEditor(db, teacher, course.id)).trash).toEqual([]);
    expect(await status(restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 }))).toBe(404);
  });

  it("trashes a module with its lessons and restores them together, not a lesson trashed before on its own", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, modules: 2, lessonsPerModule: 2 });
    const [m1, m2] = course.modules as [string, string];
    const [, , l21, l22] = course.lessons as [string, string, string, string];
    const a = await learner();
    await markLessonCompleted(db, a, l21);
    await markLessonCompleted(db, a, l22);

    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l22 });
    const confirm = await loadCourseEditor(db, teacher, course.id, { kind: "module", id: m2 });
    expect(confirm.pendingDeletion).toMatchObject({ kind: "module", title: "Module 2", lessonCount: 1, started: 1, completed: 1 });
    await trashCourseItem(db, coordinator, course.id, { kind: "module", id: m2 });
    expect(await titles(course.slug)).toEqual([["Module 1", ["Leçon 1.1", "Leçon 1.2"]]]);
    expect((await loadCatalogue(db, null, { page: 1 })).courses.find((c) => c.slug === course.slug)?.lessonCount).toBe(2);
    expect((await authoring.listMyCourses(db, teacher, 1)).courses.find((c) => c.id === course.id)?.lessonCount).toBe(2);
    // Nothing can be added to, renamed in or moved into a trashed module.
    expect(await status(authoring.addLesson(db, teacher, course.id, m2, "Intruse"))).toBe(404);
    expect(await status(authoring.renameModule(db, teacher, course.id, m2, "Renommé"))).toBe(404);
    await authoring.moveModule(db, teacher, course.id, m1, "down"); // no module in use below: nothing moves
    expect(await titles(course.slug)).toEqual([["Module 1", ["Leçon 1.1", "Leçon 1.2"]]]);

    const trash = (await loadCourseEditor(db, teacher, course.id)).trash;
    expect(trash.map((t) => [t.kind, t.title, t.lessonCount, t.deletedBy])).toEqual([
      ["module", "Module 2", 1, "Claire"],
      ["lesson", "Leçon 2.2", 1, "Théo"],
    ]);

    await restoreCourseItem(db, teacher, course.id, { kind: "module", id: m2 });
    expect(await titles(course.slug)).toEqual([["Module 1", ["Leçon 1.1", "Leçon 1.2"]], ["Module 2", ["Leçon 2.1"]]]);
    // Restoring a lesson whose module is in the trash brings the module back too.
    await trashCourseItem(db, teacher, course.id, { kind: "module", id: m2 });
    await restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: l22 });
    expect(await titles(course.slug)).toEqual([["Module 1", ["Leçon 1.1", "Leçon 1.2"]], ["Module 2", ["Leçon 2.2"]]]);
    expect((await loadCourseEditor(db, teacher, course.id)).trash.map((t) => [t.kind, t.title])).toEqual([["lesson", "Leçon 2.1"]]);
    expect((await progressRows(l21)).length).toBe(1);
  });

  it("completes the course for learners who finished every remaining required lesson, and never un-completes it", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, modules: 1, lessonsPerModule: 3 });
    const [l1, l2, l3] = course.lessons as [string, string, string];
    const [done2, done1, none] = [await learner(), await learner(), await learner()];
    for (const id of [l1, l2]) await markLessonCompleted(db, done2, id);
    await markLessonCompleted(db, done1, l1);
    await loadLessonPage(db, none, course.slug, l1);

    expect((await loadCourseEditor(db, teacher, course.id, { kind: "lesson", id: l3 })).pendingDeletion?.completesCourse).toBe(1);
    const { completedNow } = await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l3 });
    expect(completedNow).toEqual([done2.id]);
    expect((await listCompletedCourses(db, done2.id)).map((c) => c.courseId)).toEqual([course.id]);
    expect(await listCompletedCourses(db, done1.id)).toEqual([]);
    const completedAt = (await listCompletedCourses(db, done2.id))[0]!.completedAt;

    // Idempotent: another structure change completes nobody twice.
    await authoring.renameModule(db, teacher, course.id, course.modules[0]!, "Renommé");
    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 });
    expect((await listCompletedCourses(db, done1.id)).map((c) => c.courseId)).toEqual([course.id]);
    expect((await listCompletedCourses(db, done2.id))[0]!.completedAt).toEqual(completedAt);

    // Restoring required lessons does not take a completion back.
    await restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: l3 });
    await restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 });
    expect((await listCompletedCourses(db, done2.id))[0]!.completedAt).toEqual(completedAt);
    expect((await loadCoursePage(db, done1, course.slug)).completedAt).not.toBeNull();
    expect(await listCompletedCourses(db, none.id)).toEqual([]);

    // A course left with no required lesson at all completes nobody.
    const empty = await seedCourse(db, { authorId: teacher.id, modules: 1, lessonsPerModule: 1 });
    const visitor = await learner();
    await loadLessonPage(db, visitor, empty.slug, empty.lessons[0]!);
    expect((await trashCourseItem(db, teacher, empty.id, { kind: "module", id: empty.modules[0]! })).completedNow).toEqual([]);
  });

  it("lets authors and coordinators use the trash, nobody else", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, status: "draft" });
    const target = { kind: "lesson" as const, id: course.lessons[0]! };
    expect(await status(trashCourseItem(db, otherTeacher, course.id, target))).toBe(403);
    expect(await status(trashCourseItem(db, await learner(), course.id, target))).toBe(403);
    expect(await status(loadCourseEditor(db, otherTeacher, course.id, target))).toBe(403);
    expect(await status(trashCourseItem(db, coordinator, course.id, target))).toBe(200);
    expect(await status(restoreCourseItem(db, otherTeacher, course.id, target))).toBe(403);
    expect(await status(restoreCourseItem(db, teacher, course.id, target))).toBe(200);
    // Another course's item cannot be trashed or restored through mine.
    const theirs = await seedCourse(db, { authorId: otherTeacher.id, status: "draft" });
    expect(await status(trashCourseItem(db, teacher, course.id, { kind: "module", id: theirs.modules[0]! }))).toBe(404);
    expect(await status(restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: theirs.lessons[0]! }))).toBe(404);
  });

  it("purges only what has been in the trash for more than 30 days, progress with it", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, modules: 2, lessonsPerModule: 2 });
    const [, m2] = course.modules as [string, string];
    const [l11, l12] = course.lessons as [string, string];
    const a = await learner();
    await markLessonCompleted(db, a, l11);
    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l11 });
    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l12 });
    await trashCourseItem(db, teacher, course.id, { kind: "module", id: m2 });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    await db.updateTable("lesson").set({ deleted_at: daysAgo(31) }).where("id", "=", l11).execute();
    await db.updateTable("lesson").set({ deleted_at: daysAgo(29) }).where("id", "=", l12).execute();
    await db.updateTable("course_module").set({ deleted_at: daysAgo(40) }).where("id", "=", m2).execute();
    await db.updateTable("lesson").set({ deleted_at: daysAgo(40) }).where("module_id", "=", m2).execute();

    const purged = await purgeExpiredCourseTrash(db, new Date());
    expect(purged.modules).toBeGreaterThanOrEqual(1);
    const left = await db.selectFrom("lesson").select("id").where("course_id", "=", course.id).execute();
    expect(left.map((l) => l.id)).toEqual([l12]);
    expect(await db.selectFrom("course_module").select("id").where("course_id", "=", course.id).execute()).toHaveLength(1);
    expect(await progressRows(l11)).toEqual([]);
    expect((await loadCourseEditor(db, teacher, course.id)).trash.map((t) => t.id)).toEqual([l12]);
    // A second run finds nothing more.
    expect(await purgeExpiredCourseTrash(db, new Date())).toEqual({ lessons: 0, modules: 0 });
  });

  it("leaves trashed lessons out of the reports, and puts them back on restore", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, modules: 1, lessonsPerModule: 2 });
    const [l1, l2] = course.lessons as [string, string];
    const a = await learner();
    for (const id of [l1, l2]) {
      await db.insertInto("lesson_progress").values({ user_id: a.id, course_id: course.id, lesson_id: id, completed_at: new Date("2025-02-10T10:00:00Z") }).execute();
    }
    const lessonsCompleted = async () => {
      const { rows } = await sql<{ n: number | null }>`
        select max(value) as n from stats_monthly where indicator = 'courses.lessons_completed' and month = '2025-02-01'`.execute(db);
      return Number(rows[0]?.n ?? 0);
    };
    await refreshStats(db, { full: true });
    expect(await lessonsCompleted()).toBe(2);
    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 });
    await refreshStats(db); // incremental: the trashed lesson's months are recomputed
    expect(await lessonsCompleted()).toBe(1);
    await restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: l2 });
    await refreshStats(db);
    expect(await lessonsCompleted()).toBe(2);
  });
});

describe("lesson text in the catalogue search", () => {
  it("finds a published course by a word that appears only in a lesson body, accents dropped, not once trashed", async () => {
    const course = await seedCourse(db, { authorId: teacher.id, title: "Cours sans indice", status: "draft" });
    const body = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Ouvrez la messagerie et cherchez l'hippocampe vénérable dans votre e-mail." }] }],
    };
    await authoring.saveLesson(db, teacher, course.id, course.lessons[1]!, { title: "Une leçon", estimatedMinutes: 5, required: true, body });
    await authoring.setCoursePublished(db, teacher, course.id, true);
    const found = async (q: string) => (await loadCatalogue(db, null, { q, page: 1 })).courses.map((c) => c.slug);
    expect(await found("venerable")).toEqual([course.slug]);
    expect(await found("HIPPOCAMPE vénérables")).toEqual([course.slug]);
    expect(await found("email hippocampe")).toEqual([course.slug]);
    await trashCourseItem(db, teacher, course.id, { kind: "lesson", id: course.lessons[1]! });
    expect(await found("venerable")).toEqual([]);
    await restoreCourseItem(db, teacher, course.id, { kind: "lesson", id: course.lessons[1]! });
    expect(await found("venerable")).toEqual([course.slug]);
  });
});
