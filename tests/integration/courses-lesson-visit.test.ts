import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { shortfall } from "../../app/features/badges/evidence";
import { courseEffort, loadCoursePage, resumePath, startCourse } from "../../app/features/courses/learning.server";
import { signOpenedAt } from "../../app/features/courses/opened-at.server";
import type { Db } from "../../app/lib/db.server";
import { dbContext, sessionContext } from "../../app/lib/context";
import { action as courseAction, loader as courseLoader } from "../../app/routes/courses.course";
import { action as lessonAction, loader as lessonLoader } from "../../app/routes/courses.lesson";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse, type SeededCourse } from "./courses-helpers";

// Decision 042: reading a lesson writes nothing; « Commencer » and « J'ai
// terminé » are the writes, the latter timed by the page's signed « opened at ».
let db: Db;
beforeAll(async () => {
  db = await testDb();
});

function contextOf(user: User | null) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(sessionContext, user ? { user, sessionId: "test" } : null);
  return context;
}
const lessonUrl = (c: SeededCourse, lessonId: string) => `http://localhost/cours/${c.slug}/lecons/${lessonId}`;
const post = (url: string, fields: Record<string, string>) =>
  new Request(url, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

async function openLesson(user: User, c: SeededCourse, lessonId: string) {
  return (await lessonLoader({ request: new Request(lessonUrl(c, lessonId)), context: contextOf(user), params: { slug: c.slug, lessonId } } as never)) as {
    openedAt: string | null;
  };
}
async function markDone(user: User, c: SeededCourse, lessonId: string, openedAt: string | null) {
  const response = (await lessonAction({
    request: post(lessonUrl(c, lessonId), openedAt === null ? {} : { openedAt }),
    context: contextOf(user),
    params: { slug: c.slug, lessonId },
  } as never)) as Response;
  expect(response.status).toBe(302);
}
const rows = async (userId: string) => ({
  enrolments: (await db.selectFrom("enrolment").selectAll().where("user_id", "=", userId).execute()).length,
  progress: (await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", userId).execute()).length,
});
const exactMinutes = async (user: User, c: SeededCourse) => {
  const [effort] = await courseEffort(db, user.id, [c.slug]);
  return Number(effort?.seconds ?? 0) / 60;
};
const minutesSpent = async (user: User, c: SeededCourse) => Math.floor(await exactMinutes(user, c));
/** Decision 040's time rule, as the badge check applies it (evidence.server.ts). */
const meetsFiveMinutes = async (user: User, c: SeededCourse) =>
  shortfall({ pass_mark: null, min_lesson_minutes: 5 }, [
    { slug: c.slug, title: "", completedAt: new Date(), lessonsDone: 1, minutes: await exactMinutes(user, c), lowestScore: null },
  ]) === null;

describe("the lesson page (issue 18: GET loaders never write)", () => {
  it("writes nothing when read, signed in or not, and signs when it was served", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 2 });
    const user = await createUser(db);
    const before = await rows(user.id);
    const page = await openLesson(user, course, course.lessons[0]!);
    await openLesson(user, course, course.lessons[1]!);
    await courseLoader({ request: new Request(`http://localhost/cours/${course.slug}`), context: contextOf(user), params: { slug: course.slug } } as never);
    expect(await resumePath(db, user, course.slug)).toBe(`/cours/${course.slug}/lecons/${course.lessons[0]}`);
    expect(await rows(user.id)).toEqual(before);
    expect(before).toEqual({ enrolments: 0, progress: 0 });
    expect(page.openedAt).toMatch(/^\d{13}\.[\w-]{43}$/);
  });

  it("times a lesson from the signed « opened at »: one minute does not meet five, a forged value is not trusted", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 1 });
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

    const quick = await createUser(db);
    await markDone(quick, course, course.lessons[0]!, await signOpenedAt(db, quick.id, course.lessons[0]!, ago(1)));
    expect(await minutesSpent(quick, course)).toBe(1);
    expect(await meetsFiveMinutes(quick, course)).toBe(false);

    const reader = await createUser(db);
    await markDone(reader, course, course.lessons[0]!, await signOpenedAt(db, reader.id, course.lessons[0]!, ago(6)));
    expect(await minutesSpent(reader, course)).toBe(6);
    expect(await meetsFiveMinutes(reader, course)).toBe(true);

    // Forged: the time moved back under its signature, another learner's value, a signed time in the future, garbage.
    const lessonId = course.lessons[0]!;
    const forgeries: ((learner: User) => Promise<string>)[] = [
      async (learner) => {
        const [stamp, signature] = (await signOpenedAt(db, learner.id, lessonId, ago(1))).split(".");
        return `${Number(stamp) - 3_600_000}.${signature}`;
      },
      async () => signOpenedAt(db, reader.id, lessonId, ago(30)),
      async (learner) => signOpenedAt(db, learner.id, lessonId, new Date(Date.now() + 3_600_000)),
      async () => "1700000000000.pas-une-signature",
    ];
    for (const forge of forgeries) {
      const learner = await createUser(db);
      await markDone(learner, course, lessonId, await forge(learner));
      expect(await minutesSpent(learner, course)).toBe(0);
      expect(await meetsFiveMinutes(learner, course)).toBe(false);
    }

    // A page left open for days counts as one day (and the time rule caps a lesson at two hours).
    const slow = await createUser(db);
    await markDone(slow, course, course.lessons[0]!, await signOpenedAt(db, slow.id, course.lessons[0]!, ago(3 * 24 * 60)));
    const progress = await db.selectFrom("lesson_progress").select(["started_at", "completed_at"]).where("user_id", "=", slow.id).executeTakeFirstOrThrow();
    const hours = (progress.completed_at!.getTime() - progress.started_at.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.01); // the cap is taken a few milliseconds before the completion time
  });

  it("« Commencer » enrols once when posted twice, shows the course in progress and leads to where to resume", async () => {
    const course = await seedCourse(db, { lessonsPerModule: 3 });
    const user = await createUser(db);
    const start = () =>
      courseAction({ request: post(`http://localhost/cours/${course.slug}`, { intent: "start" }), context: contextOf(user), params: { slug: course.slug } } as never) as Promise<Response>;
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.headers.get("Location")).toBe(`/cours/${course.slug}/lecons/${course.lessons[0]}`);
    expect(await rows(user.id)).toEqual({ enrolments: 1, progress: 0 });
    const page = await loadCoursePage(db, user, course.slug);
    expect([page.enrolled, page.resumeLessonId]).toEqual([true, course.lessons[0]]);

    // Resume after the last lesson done, whatever was opened since.
    await markDone(user, course, course.lessons[0]!, (await openLesson(user, course, course.lessons[0]!)).openedAt);
    await openLesson(user, course, course.lessons[2]!);
    expect(await resumePath(db, user, course.slug)).toBe(`/cours/${course.slug}/lecons/${course.lessons[1]}`);
    expect(await startCourse(db, user, course.slug)).toBe(`/cours/${course.slug}/lecons/${course.lessons[1]}`);
    expect(await rows(user.id)).toEqual({ enrolments: 1, progress: 1 });
  });
});
