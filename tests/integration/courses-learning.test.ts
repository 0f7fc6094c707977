import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import {
  completeLessonAndContinue,
  listCompletedCourses,
  loadCatalogue,
  loadCoursePage,
  loadLessonPage,
  markLessonCompleted,
  resumePath,
  startCourse,
} from "../../app/features/courses/learning.server";
import { coursesPersonalData } from "../../app/features/courses/personal-data.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";

let db: Db;
let learner: User;
let teacher: User;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  learner = await createUser(db, { role: "learner" });
  teacher = await createUser(db, { role: "teacher" });
  coordinator = await createUser(db, { role: "coordinator" });
});

async function status(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status ?? 500;
  }
}

describe("catalogue", () => {
  it("filters by audience, theme and level, and pages", async () => {
    const tag = `filtre${Date.now().toString(36)}`;
    await seedCourse(db, { title: `Seniors ${tag}`, audiences: ["seniors"], themes: ["email"], level: "debutant" });
    await seedCourse(db, { title: `Jeunes ${tag}`, audiences: ["youth"], themes: ["creer_avec_le_numerique"], level: "intermediaire" });
    await seedCourse(db, { title: `Brouillon ${tag}`, audiences: ["seniors"], status: "draft" });
    const search = (f: object) => loadCatalogue(db, null, { q: tag, page: 1, ...f });
    expect((await search({})).courses.map((c) => c.title).sort()).toEqual([`Jeunes ${tag}`, `Seniors ${tag}`]);
    expect((await search({ audience: "seniors" })).courses.map((c) => c.title)).toEqual([`Seniors ${tag}`]);
    expect((await search({ theme: "creer_avec_le_numerique" })).courses.map((c) => c.title)).toEqual([`Jeunes ${tag}`]);
    expect((await search({ level: "intermediaire" })).courses.map((c) => c.title)).toEqual([`Jeunes ${tag}`]);
    const found = await search({ audience: "seniors" });
    expect(found.courses[0]).toMatchObject({ lessonCount: 3, minutes: 15, state: null });

    for (let i = 0; i < 13; i++) await seedCourse(db, { title: `Page ${tag} ${String(i).padStart(2, "0")}`, modules: 1, lessonsPerModule: 1 });
    const first = await loadCatalogue(db, null, { q: `Page ${tag}`, page: 1 });
    const second = await loadCatalogue(db, null, { q: `Page ${tag}`, page: 2 });
    expect([first.total, first.pageCount, first.courses.length, second.courses.length]).toEqual([13, 2, 12, 1]);
    expect(new Set([...first.courses, ...second.courses].map((c) => c.slug)).size).toBe(13);
  });

  it("shows a learner's courses in progress and their state on the cards", async () => {
    const tag = `etat${Date.now().toString(36)}`;
    const course = await seedCourse(db, { title: `Suivi ${tag}` });
    const user = await createUser(db);
    await startCourse(db, user, course.slug); // « Commencer »: opening a lesson records nothing (decision 042)
    const page = await loadCatalogue(db, user, { page: 1 });
    expect(page.inProgress.map((c) => c.slug)).toContain(course.slug);
    expect((await loadCatalogue(db, user, { q: tag, page: 1 })).courses[0]!.state).toBe("started");
  });
});

describe("drafts", () => {
  it("are not found by learners or other authors, and previewed by their authors and coordinators", async () => {
    const draft = await seedCourse(db, { status: "draft", authorId: teacher.id });
    const otherTeacher = await createUser(db, { role: "teacher" });
    expect(await status(loadCoursePage(db, learner, draft.slug))).toBe(404);
    expect(await status(loadCoursePage(db, null, draft.slug))).toBe(404);
    expect(await status(loadCoursePage(db, otherTeacher, draft.slug))).toBe(404);
    expect(await status(loadLessonPage(db, learner, draft.slug, draft.lessons[0]!))).toBe(404);
    expect((await loadCoursePage(db, teacher, draft.slug)).canEdit).toBe(true);
    expect((await loadCoursePage(db, coordinator, draft.slug)).course.status).toBe("draft");
    // Previewing a draft records no progress.
    await loadLessonPage(db, teacher, draft.slug, draft.lessons[0]!);
    expect(await db.selectFrom("enrolment").selectAll().where("course_id", "=", draft.id).execute()).toEqual([]);
    expect(await status(markLessonCompleted(db, learner, draft.lessons[0]!))).toBe(404);
    expect(await status(markLessonCompleted(db, teacher, draft.lessons[0]!))).toBe(409);
  });

  it("answers 404, not 500, for malformed or foreign lesson ids", async () => {
    const a = await seedCourse(db);
    const b = await seedCourse(db);
    expect(await status(loadLessonPage(db, learner, a.slug, "pas-un-uuid"))).toBe(404);
    // A lesson of another course through this course's address.
    expect(await status(loadLessonPage(db, learner, a.slug, b.lessons[0]!))).toBe(404);
    expect(await status(completeLessonAndContinue(db, learner, a.slug, b.lessons[0]!))).toBe(404);
    expect(await status(loadCoursePage(db, learner, "nexiste-pas"))).toBe(404);
  });
});

describe("learner progress", () => {
  it("enrols on the first lesson done and resumes after the last one done", async () => {
    const course = await seedCourse(db, { modules: 2, lessonsPerModule: 2 });
    const user = await createUser(db);
    const before = await loadCoursePage(db, user, course.slug);
    expect([before.enrolled, before.resumeLessonId, before.firstLessonId]).toEqual([false, null, course.lessons[0]]);

    await loadLessonPage(db, user, course.slug, course.lessons[0]!);
    let next = await completeLessonAndContinue(db, user, course.slug, course.lessons[0]!);
    expect(next.redirectTo).toBe(`/cours/${course.slug}/lecons/${course.lessons[1]}`);
    await loadLessonPage(db, user, course.slug, course.lessons[1]!);
    next = await completeLessonAndContinue(db, user, course.slug, course.lessons[1]!);
    // Crosses into the next module.
    expect(next.redirectTo).toBe(`/cours/${course.slug}/lecons/${course.lessons[2]}`);

    const page = await loadCoursePage(db, user, course.slug);
    expect(page.enrolled).toBe(true);
    expect(page.resumeLessonId).toBe(course.lessons[2]);
    expect(await resumePath(db, user, course.slug)).toBe(`/cours/${course.slug}/lecons/${course.lessons[2]}`);
    expect(await resumePath(db, await createUser(db), course.slug)).toBe(`/cours/${course.slug}/lecons/${course.lessons[0]}`);
    const empty = await seedCourse(db, { lessonsPerModule: 0 });
    expect(await resumePath(db, user, empty.slug)).toBe(`/cours/${empty.slug}`);
    expect(page.progress).toEqual({ completed: 2, total: 4 });
    const lesson = await loadLessonPage(db, user, course.slug, course.lessons[2]!);
    expect(lesson.progress).toEqual({ completed: 2, total: 4 });
    expect([lesson.previous?.id, lesson.next?.id, lesson.lesson.number]).toEqual([course.lessons[1], course.lessons[3], 3]);
    expect(lesson.body).toMatchObject({ type: "doc" });
  });

  it("stores a double submit once", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 2 });
    const user = await createUser(db);
    const lessonId = course.lessons[0]!;
    const [a, b] = await Promise.all([
      completeLessonAndContinue(db, user, course.slug, lessonId),
      completeLessonAndContinue(db, user, course.slug, lessonId),
    ]);
    expect([a.lessonCompletedNow, b.lessonCompletedNow].sort()).toEqual([false, true]);
    const again = await markLessonCompleted(db, user, lessonId);
    expect(again.lessonCompletedNow).toBe(false);
    const rows = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    const enrolments = await db.selectFrom("enrolment").selectAll().where("user_id", "=", user.id).execute();
    expect(enrolments).toHaveLength(1);
    // Opening the lesson again does not add a row either.
    await loadLessonPage(db, user, course.slug, lessonId);
    await loadLessonPage(db, user, course.slug, lessonId);
    expect(await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", user.id).execute()).toHaveLength(1);
  });

  it("completes the course in the transaction of its last required lesson, once", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 3 });
    await db.updateTable("lesson").set({ required: false }).where("id", "=", course.lessons[2]!).execute();
    const user = await createUser(db);
    const first = await markLessonCompleted(db, user, course.lessons[0]!);
    expect([first.courseCompleted, first.courseCompletedNow]).toEqual([false, false]);
    expect(await listCompletedCourses(db, user.id)).toEqual([]);
    const last = await completeLessonAndContinue(db, user, course.slug, course.lessons[1]!);
    expect([last.courseCompleted, last.courseCompletedNow]).toEqual([true, true]);
    expect(last.redirectTo).toBe(`/cours/${course.slug}?termine=1`);
    const completed = await listCompletedCourses(db, user.id);
    expect(completed).toEqual([{ courseId: course.id, slug: course.slug, title: "Cours d'essai", completedAt: expect.any(Date) }]);
    const again = await markLessonCompleted(db, user, course.lessons[2]!);
    expect([again.courseCompleted, again.courseCompletedNow]).toEqual([true, false]);
    expect((await listCompletedCourses(db, user.id))[0]!.completedAt).toEqual(completed[0]!.completedAt);
  });

  it("does not miss the completion when the last two lessons complete at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const course = await seedCourse(db, { lessonsPerModule: 2 });
      const user = await createUser(db);
      const results = await Promise.all(course.lessons.map((id) => markLessonCompleted(db, user, id)));
      expect(results.filter((r) => r.courseCompletedNow)).toHaveLength(1);
      expect(await listCompletedCourses(db, user.id)).toHaveLength(1);
    }
  });

  it("keeps the best score reported for a lesson (xAPI results)", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 1 });
    const user = await createUser(db);
    const lessonId = course.lessons[0]!;
    await markLessonCompleted(db, user, lessonId, { score: 0.6, position: "question-3" });
    await markLessonCompleted(db, user, lessonId, { score: 0.4 });
    await markLessonCompleted(db, user, lessonId);
    const row = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect([row.best_score, row.last_position]).toEqual([0.6, "question-3"]);
    await markLessonCompleted(db, user, lessonId, { score: 0.9 });
    expect((await db.selectFrom("lesson_progress").select("best_score").where("user_id", "=", user.id).executeTakeFirstOrThrow()).best_score).toBe(0.9);
    expect(await status(markLessonCompleted(db, user, lessonId, { score: 1.5 }))).toBe(400);
    expect(await status(markLessonCompleted(db, user, lessonId, { score: Number.NaN }))).toBe(400);
  });

  it("is part of the learner's 'download my data' export", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 1 });
    const user = await createUser(db);
    await markLessonCompleted(db, user, course.lessons[0]!, { score: 0.75 });
    const data = (await coursesPersonalData.collect(db, user.id)) as { enrolments: { slug: string; completed_at: Date | null }[]; lessons: { best_score: number }[] };
    expect(data.enrolments.map((e) => [e.slug, e.completed_at !== null])).toEqual([[course.slug, true]]);
    expect(data.lessons.map((l) => l.best_score)).toEqual([0.75]);
  });
});
