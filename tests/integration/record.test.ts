import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { loadRecord, loadRecordOfLearner } from "../../app/features/record/service.server";
import { choosePath } from "../../app/features/paths/choices.server";
import { completeLessonAndContinue } from "../../app/features/courses/learning.server";
import type { SeededCourse } from "./courses-helpers";
import { testDb } from "../helpers/db";
import { createUser, statusOf as status } from "../helpers/fixtures";
import { attendClass, attendWorkshop, completeCourseThroughPlayer, seedPathsAndCourses } from "./paths-fixtures";
import { seedDemo } from "../../db/seed";
import { DEMO_LEARNER_EMAIL } from "../../app/features/record/demo-seed.server";

const SENIORS = "autonome-avec-le-numerique";
let db: Db;
let courses: Map<string, SeededCourse>;
let mediator: User;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  courses = await seedPathsAndCourses(db);
  mediator = await createUser(db, { role: "mediator" });
  coordinator = await createUser(db, { role: "coordinator" });
});


describe("the learner record", () => {
  it("gathers courses, paths, workshops, classes and badges from their own domains", async () => {
    const learner = await createUser(db, { firstName: "Josette" });
    await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
    await completeCourseThroughPlayer(db, learner, courses.get("se-proteger-des-arnaques-en-ligne")!, { award: true });
    const cv = courses.get("faire-son-cv-et-candidater-en-ligne")!;
    await completeLessonAndContinue(db, learner, cv.slug, cv.lessons[0]!);
    const workshopId = await attendWorkshop(db, learner.id, "email");
    const attended = await attendClass(db, learner, mediator.id, SENIORS, 0.9);
    const missed = await attendClass(db, learner, mediator.id, SENIORS, 0.2);

    await choosePath(db, learner, SENIORS);
    const record = await loadRecord(db, learner);
    expect(record.courses.inProgress.map((c) => c.slug)).toEqual([cv.slug]);
    expect(record.courses.completed.map((c) => c.slug).sort()).toEqual(["creer-et-utiliser-une-adresse-e-mail", "se-proteger-des-arnaques-en-ligne"]);
    expect(record.workshops.attended.map((w) => w.workshopId)).toEqual([workshopId]);
    expect(record.classes.past.find((c) => c.classroomId === attended)).toMatchObject({ attended: true, minutes: 54 });
    expect(record.classes.past.find((c) => c.classroomId === missed)).toMatchObject({ attended: false, minutes: 12 });
    // Two required courses done: the seniors path is complete and its badge issued.
    // Only the chosen path is listed (the others are started too), counted in all its steps as the path page shows them.
    expect(record.paths.map((p) => p.slug)).toEqual([SENIORS]);
    expect(record.paths[0]).toMatchObject({ complete: true, done: 2, count: 7 });
    expect(record.badges).toHaveLength(1);
    expect(record.totals).toEqual({ coursesCompleted: 2, workshopsAttended: 1, classesAttended: 1, liveMinutes: 54, badges: 1 });
    expect(record.diagnostic).toBeNull();
  });

  it("lists a class under way with the upcoming ones, not yet as missed", async () => {
    const learner = await createUser(db);
    const startsAt = new Date(Date.now() - 10 * 60_000);
    const classroom = await db
      .insertInto("classroom")
      .values({ title: "En ce moment", starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3600_000), capacity: 10, host_id: mediator.id, room_name: `salle-${crypto.randomUUID()}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("classroom_registration").values({ classroom_id: classroom.id, user_id: learner.id, registered_by: learner.id }).execute();
    const record = await loadRecord(db, learner);
    expect(record.classes.upcoming.map((c) => c.classroomId)).toEqual([classroom.id]);
    expect(record.classes.past).toEqual([]);
  });

  it("is empty, not failing, for someone who has done nothing yet", async () => {
    const learner = await createUser(db);
    const record = await loadRecord(db, learner);
    expect(record.totals).toEqual({ coursesCompleted: 0, workshopsAttended: 0, classesAttended: 0, liveMinutes: 0, badges: 0 });
    expect(record.paths).toEqual([]);
  });

  it("is shown to the mediator who accompanies the person and to coordinators, not to another mediator", async () => {
    const learner = await createUser(db, { createdBy: mediator.id });
    const other = await createUser(db, { role: "mediator" });
    expect(await status(loadRecordOfLearner(db, mediator, learner.id))).toBe("ok");
    expect(await status(loadRecordOfLearner(db, coordinator, learner.id))).toBe("ok");
    expect(await status(loadRecordOfLearner(db, other, learner.id))).toBe(403);
    expect(await status(loadRecordOfLearner(db, learner, learner.id))).toBe(403);
  });

  it("has a story for the demo learner after the demo seed, and a second seed adds nothing", async () => {
    const demo = await testDb();
    await seedDemo(demo);
    const josette = await demo.selectFrom("app_user").selectAll().where("email", "=", DEMO_LEARNER_EMAIL).executeTakeFirstOrThrow();
    const first = await loadRecord(demo, josette);
    expect(first.courses.inProgress.map((c) => c.slug)).toEqual(["creer-et-utiliser-une-adresse-e-mail"]);
    expect(first.workshops.attended.map((w) => w.title)).toEqual(["Envoyer une photo par e-mail"]);
    expect(first.paths.map((p) => p.slug)).toContain(SENIORS);
    const counts = async () =>
      Promise.all(["lesson_progress", "booking", "attendance", "workshop", "enrolment"].map(async (table) =>
        Number((await demo.selectFrom(table as "booking").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n)));
    const before = await counts();
    await seedDemo(demo);
    expect(await counts()).toEqual(before);
  }, 180_000); // two full demo seeds: tens of seconds on a loaded 2-core machine
});
