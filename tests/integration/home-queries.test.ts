import { beforeAll, describe, expect, inject, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { choosePath } from "../../app/features/paths/choices.server";
import { loadLearnerHome } from "../../app/features/record/service.server";
import { openDatabase } from "../../app/lib/db.server";
import { cloneTemplate, countQueries } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";
import { attendWorkshop, completeCourseThroughPlayer, seedPathsAndCourses } from "./paths-fixtures";

// The signed-in learner's home page is the most visited page (issue 17): its
// SQL statements are counted through Kysely's log hook, with little data and
// after the catalogue, the paths and the person's history have grown.

const BUDGET = 5;
let url: string;
let newcomer: User;
let follower: User;

beforeAll(async () => {
  url = await cloneTemplate(`passerelle_home_queries_${Date.now().toString(36)}_${inject("runId")}`);
  const opened = await openDatabase({ url, poolSize: 2 });
  try {
    await seedPathsAndCourses(opened.db);
    newcomer = await createUser(opened.db);
    follower = await createUser(opened.db);
    await choosePath(opened.db, follower, "autonome-avec-le-numerique");
  } finally {
    await opened.close();
  }
});

async function grow() {
  const opened = await openDatabase({ url, poolSize: 4 });
  try {
    for (let i = 0; i < 30; i++) {
      const course = await seedCourse(opened.db, { title: `Cours ${i}`, modules: 2, lessonsPerModule: 2 });
      if (i < 10) await completeCourseThroughPlayer(opened.db, follower, course);
      await attendWorkshop(opened.db, follower.id, "email");
    }
  } finally {
    await opened.close();
  }
}

const homeQueries = async (user: User) => (await countQueries(url, (db) => loadLearnerHome(db, user))).queries.length;

describe("queries of the learner's home page", () => {
  it(`stay at ${BUDGET} for someone on no path, and do not grow with the data`, async () => {
    const few = { newcomer: await homeQueries(newcomer), follower: await homeQueries(follower) };
    await grow();
    const many = { newcomer: await homeQueries(newcomer), follower: await homeQueries(follower) };
    expect(many).toEqual(few);
    expect(many.newcomer).toBeLessThanOrEqual(BUDGET);
    // Following a path adds its progress, computed by the paths domain from
    // the whole record (9 more statements today, none per item): over the
    // budget, noted on issue 17, but flat.
    expect(many.follower).toBeLessThanOrEqual(14);
  });
});
