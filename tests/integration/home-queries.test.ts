import { beforeAll, describe, expect, inject, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { choosePath } from "../../app/features/paths/choices.server";
import { stepLinkedPath } from "../../app/features/paths/model";
import { listChosenPaths, listPathsOverview } from "../../app/features/paths/service.server";
import { loadLearnerHome } from "../../app/features/record/service.server";
import { openDatabase } from "../../app/lib/db.server";
import { cloneTemplate, countQueries } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";
import { attendClass, attendWorkshop, completeCourseThroughPlayer, seedPathsAndCourses } from "./paths-fixtures";

// The signed-in learner's home page is the most visited page (issue 17): its
// SQL statements are counted through Kysely's log hook, with little data and
// after the catalogue, the paths and the person's history have grown tenfold.

const BUDGET = 5;
const SENIORS = "autonome-avec-le-numerique";
const JOBS = "trouver-un-emploi-avec-le-numerique";
let url: string;
let newcomer: User;
let follower: User;
let host: User;

beforeAll(async () => {
  url = await cloneTemplate(`passerelle_home_queries_${Date.now().toString(36)}_${inject("runId")}`);
  const opened = await openDatabase({ url, poolSize: 2 });
  try {
    const courses = await seedPathsAndCourses(opened.db);
    newcomer = await createUser(opened.db);
    follower = await createUser(opened.db);
    host = await createUser(opened.db, { role: "mediator" });
    await choosePath(opened.db, follower, SENIORS);
    await choosePath(opened.db, follower, JOBS);
    // A little of everything a path counts: a course, a workshop, a class, a diagnostic.
    await completeCourseThroughPlayer(opened.db, follower, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
    await attendWorkshop(opened.db, follower.id, "prendre_en_main_du_materiel");
    await attendClass(opened.db, follower, host.id, stepLinkedPath(SENIORS, "classe-questions"), 0.9);
    await opened.db
      .insertInto("diagnostic_result")
      .values({
        user_id: follower.id,
        version: 1,
        goal: "seniors",
        answers: {},
        competence_scores: { "5.1": 1, "5.2": 1, "2.4": 0.2 },
        domain_levels: {},
        recommended_path_slug: SENIORS,
      })
      .execute();
  } finally {
    await opened.close();
  }
});

/** Ten times the catalogue and the follower's history: courses done and started, workshops, classes (some too short to count). */
async function grow() {
  const opened = await openDatabase({ url, poolSize: 4 });
  try {
    for (let i = 0; i < 30; i++) {
      const course = await seedCourse(opened.db, { title: `Cours ${i}`, modules: 2, lessonsPerModule: 2 });
      if (i < 10) await completeCourseThroughPlayer(opened.db, follower, course);
      await attendWorkshop(opened.db, follower.id, i % 2 ? "email" : "aide_aux_demarches_administratives");
      if (i < 10) await attendClass(opened.db, follower, host.id, i % 2 ? stepLinkedPath(SENIORS, "classe-questions") : "/ailleurs", i % 3 ? 0.5 : 0.8);
    }
  } finally {
    await opened.close();
  }
}

const homeQueries = async (user: User) => (await countQueries(url, (db) => loadLearnerHome(db, user))).queries.length;

/** What the paths page shows for the paths the person chose: the home must agree with it. */
async function chosenBothWays(user: User) {
  const opened = await openDatabase({ url, poolSize: 2 });
  try {
    const overview = (await listPathsOverview(opened.db, user, null)).paths.filter((p) => p.chosenAt);
    return { overview, home: await listChosenPaths(opened.db, user) };
  } finally {
    await opened.close();
  }
}

describe("queries of the learner's home page", () => {
  it(`stay at ${BUDGET}, on a path or not, and do not grow with the data`, async () => {
    const few = { newcomer: await homeQueries(newcomer), follower: await homeQueries(follower) };
    const before = await chosenBothWays(follower);
    await grow();
    const many = { newcomer: await homeQueries(newcomer), follower: await homeQueries(follower) };
    expect(many).toEqual(few);
    expect(many.newcomer).toBeLessThanOrEqual(BUDGET);
    expect(many.follower).toBeLessThanOrEqual(BUDGET);

    // The one statement counts progress as the paths page does, before and after the growth.
    const after = await chosenBothWays(follower);
    for (const { overview, home } of [before, after]) {
      expect(home.map((p) => p.slug)).toEqual([SENIORS, JOBS]);
      expect(home).toEqual(overview);
    }
    const seniors = after.home[0]!.progress!;
    // E-mail course, the workshop, the class; the smartphone step is skipped (diagnostic), not done.
    expect(seniors.stepsDone).toBe(before.home[0]!.progress!.stepsDone + 1);
    expect(before.home[0]!.progress!.stepsDone).toBe(3);
  });
});
