import { beforeAll, describe, expect, inject, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { completeLessonAndContinue, loadCatalogue, loadCoursePage, loadLessonPage } from "../../app/features/courses/learning.server";
import { openDatabase } from "../../app/lib/db.server";
import { cloneTemplate, countQueries } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse, type SeededCourse } from "./courses-helpers";

// Each learner page is one service call; its SQL statements are counted
// through Kysely's log hook, with few and with many courses and lessons.
// (The session lookup of the request middleware is outside this budget.)

const BUDGET = 5;
let url: string;
let user: User;
let small: SeededCourse;
let big: SeededCourse;

beforeAll(async () => {
  url = await cloneTemplate(`passerelle_courses_queries_${Date.now().toString(36)}_${inject("runId")}`);
  const opened = await openDatabase({ url, poolSize: 2 });
  try {
    user = await createUser(opened.db);
    small = await seedCourse(opened.db, { title: "Petit cours", modules: 1, lessonsPerModule: 2 });
  } finally {
    await opened.close();
  }
});

async function grow() {
  const opened = await openDatabase({ url, poolSize: 4 });
  try {
    for (let i = 0; i < 60; i++) await seedCourse(opened.db, { title: `Cours ${i}`, modules: 2, lessonsPerModule: 3 });
    big = await seedCourse(opened.db, { title: "Grand cours", modules: 8, lessonsPerModule: 6 });
  } finally {
    await opened.close();
  }
}

async function pageQueries(course: SeededCourse) {
  const lessonId = course.lessons[1]!;
  const counts: Record<string, number> = {};
  counts.catalogue = (await countQueries(url, (db) => loadCatalogue(db, null, { page: 1 }))).queries.length;
  counts.catalogueSignedIn = (await countQueries(url, (db) => loadCatalogue(db, user, { page: 1 }))).queries.length;
  counts.search = (await countQueries(url, (db) => loadCatalogue(db, user, { q: "cours", audience: "everyone", page: 2 }))).queries.length;
  counts.course = (await countQueries(url, (db) => loadCoursePage(db, user, course.slug))).queries.length;
  counts.courseAnonymous = (await countQueries(url, (db) => loadCoursePage(db, null, course.slug))).queries.length;
  counts.lesson = (await countQueries(url, (db) => loadLessonPage(db, user, course.slug, lessonId))).queries.length;
  counts.lessonAnonymous = (await countQueries(url, (db) => loadLessonPage(db, null, course.slug, lessonId))).queries.length;
  // The "J'ai terminé" action: lookups, then one transaction (begin … commit).
  counts.complete = (await countQueries(url, (db) => completeLessonAndContinue(db, user, course.slug, lessonId))).queries.length;
  return counts;
}

describe("queries per learner page", () => {
  it(`stay at ${BUDGET} or fewer, whatever the number of courses and lessons`, async () => {
    const few = await pageQueries(small);
    await grow();
    const many = await pageQueries(big);
    expect(many).toEqual(few);
    const { complete, ...pages } = many;
    for (const [page, count] of Object.entries(pages)) expect(count, page).toBeLessThanOrEqual(BUDGET);
    expect(complete).toBeLessThanOrEqual(BUDGET + 4);
  });
});
