import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { deleteUserAsCoordinator, exportPersonalData } from "../../app/features/accounts/service.server";
import { activityIri } from "../../app/features/h5p/player.server";
import { signOpenedAt } from "../../app/features/courses/opened-at.server";
import { relayStatements, type RelayItem } from "../../app/features/h5p/relay.server";
import { activityResults, myResults, resultsCsv } from "../../app/features/h5p/results.server";
import { seedH5p } from "../../app/features/h5p/seed.server";
import { loadState, saveState } from "../../app/features/h5p/state.server";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

const SITE = "http://passerelle.test";
let db: Db;
let root: string;
let contentId: string;
let coordinator: User;
let learner: User;
let lessonId: string;
let courseId: string;

async function createLesson(body: unknown, status: "published" | "draft" = "published") {
  const course = await db
    .insertInto("course")
    .values({ slug: `cours-${randomUUID().slice(0, 8)}`, title: "Sécurité en ligne", status, published_at: status === "published" ? new Date() : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const module = await db.insertInto("course_module").values({ course_id: course.id, position: 0, title: "Module 1" }).returning("id").executeTakeFirstOrThrow();
  const lesson = await db
    .insertInto("lesson")
    .values({ course_id: course.id, module_id: module.id, position: 0, title: "Les mots de passe", body: body as { type: "doc" } })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { courseId: course.id, lessonId: lesson.id };
}

const doc = (...ids: string[]) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Essayez :" }] }, ...ids.map((id) => ({ type: "h5p", attrs: { contentId: id } }))] });

/** What the project's content type sends for one answer, as the frame queues it. */
function answer(score: 0 | 1, { lesson = lessonId as string | null, content = contentId } = {}): RelayItem[] {
  const object = { id: activityIri(SITE, content), objectType: "Activity", definition: { extensions: { "http://h5p.org/x-api/h5p-local-content-id": content } } };
  const context = { contextActivities: { category: [{ id: "http://h5p.org/libraries/H5P.PasserelleQuestion-1.0", objectType: "Activity" }] } };
  const actor = { name: "Quelqu'un d'autre", mbox: "mailto:pirate@example.org", objectType: "Agent" };
  const result = { score: { min: 0, max: 1, raw: score, scaled: score }, completion: true, success: score === 1, duration: "PT3.2S" };
  const at = new Date().toISOString();
  return [
    {
      statement: {
        id: randomUUID(),
        actor,
        verb: { id: "http://adlnet.gov/expapi/verbs/answered", display: { "en-US": "answered" } },
        object: { ...object, definition: { ...object.definition, interactionType: "choice", correctResponsesPattern: ["2"], choices: [{ id: "0", description: { "fr-FR": "123456" } }, { id: "2", description: { "fr-FR": "Cheval" } }] } },
        context,
        result: { ...result, response: score ? "2" : "0" },
        timestamp: at,
      },
      contentId: content,
      lessonId: lesson,
    },
    {
      statement: { id: randomUUID(), actor, verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } }, object, context, result, timestamp: at },
      contentId: content,
      lessonId: lesson,
    },
  ];
}

beforeAll(async () => {
  db = await testDb();
  root = mkdtempSync(path.join(tmpdir(), "passerelle-h5p-relay-"));
  coordinator = await createUser(db, { role: "coordinator" });
  learner = await createUser(db, { role: "learner", firstName: "Josette" });
  ({ contentId } = await seedH5p(db, { storage: folderStorage(root), createdBy: coordinator.id }));
  ({ lessonId, courseId } = await createLesson(doc(contentId)));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the statement relay", () => {
  it("replaces the browser's actor and sets authority, stored and the statement's id", async () => {
    const items = answer(1);
    const outcome = await relayStatements(db, learner, items, SITE);
    expect(outcome.stored).toEqual(items.map((i) => i.statement.id));
    const row = await db.selectFrom("xapi_statement").selectAll().where("id", "=", items[0]!.statement.id as string).executeTakeFirstOrThrow();
    expect(row.statement.actor).toEqual({ objectType: "Agent", account: { homePage: SITE, name: learner.id } });
    expect(row.actor_key).toBe(`account:${SITE} ${learner.id}`);
    expect(row.statement.authority).toMatchObject({ account: { homePage: SITE, name: "passerelle" } });
    expect(Date.now() - Date.parse(row.statement.stored as string)).toBeLessThan(60_000);
    expect(row.statement.timestamp).toBe(items[0]!.statement.timestamp);
    // The lesson is recorded as a grouping context activity, and in the app's link table.
    expect(row.related_activity_ids).toContain(`${SITE}/lecons/${lessonId}`);
    const link = await db.selectFrom("h5p_statement_link").selectAll().where("statement_id", "=", row.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ user_id: learner.id, content_id: contentId, lesson_id: lessonId });
  });

  it("stores a statement sent again once, and refuses another statement under the same id", async () => {
    const items = answer(0);
    await relayStatements(db, learner, items, SITE);
    const again = await relayStatements(db, learner, items, SITE);
    expect(again).toEqual({ stored: [], duplicates: items.map((i) => i.statement.id), rejected: [], adjusted: [] });
    const changed = [{ ...items[0]!, statement: { ...items[0]!.statement, result: { response: "1" } } }];
    expect((await relayStatements(db, learner, changed, SITE)).rejected).toEqual([{ id: items[0]!.statement.id, error: "conflict" }]);
    const n = await db.selectFrom("xapi_statement").select((eb) => eb.fn.countAll<string>().as("n")).where("id", "in", items.map((i) => i.statement.id as string)).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  it("answers each statement on its own: foreign activities, voiding, unknown contents and invalid ones are refused", async () => {
    const [good] = answer(1);
    const foreign = { ...good!, statement: { ...good!.statement, id: randomUUID(), object: { id: "https://ailleurs.example/activite" } } };
    const voiding = { ...good!, statement: { ...good!.statement, id: randomUUID(), verb: { id: "http://adlnet.gov/expapi/verbs/voided" }, object: { objectType: "StatementRef", id: good!.statement.id } } };
    const unknown = { ...good!, contentId: randomUUID(), statement: { ...good!.statement, id: randomUUID() } };
    // A score no clamping can repair (min is not below max): refused as the LRS would.
    const invalid = { ...good!, statement: { ...good!.statement, id: randomUUID(), result: { score: { min: 3, max: 3, raw: 3 } } } };
    const outcome = await relayStatements(db, learner, [good!, foreign, voiding, unknown, invalid], SITE);
    expect(outcome.stored).toEqual([good!.statement.id]);
    expect(outcome.rejected.map((r) => r.error)).toEqual(["foreign_activity", "voiding", "unknown_content", "invalid: statement.result.score.min"]);
  });

  it("completes the lesson with the best score, and keeps the best", async () => {
    const other = await createUser(db, { role: "learner" });
    // The route issues badges when a course was completed by this call (once: later results change nothing).
    let completions = 0;
    const onCourseCompleted = async () => void completions++;
    await relayStatements(db, other, answer(0), SITE, { onCourseCompleted });
    expect(completions).toBe(1);
    let progress = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", other.id).where("lesson_id", "=", lessonId).executeTakeFirstOrThrow();
    expect(progress.completed_at).not.toBeNull();
    expect(progress.best_score).toBe(0);
    await relayStatements(db, other, answer(1), SITE, { onCourseCompleted });
    await relayStatements(db, other, answer(0), SITE, { onCourseCompleted });
    expect(completions).toBe(1);
    progress = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", other.id).where("lesson_id", "=", lessonId).executeTakeFirstOrThrow();
    expect(progress.best_score).toBe(1);
    const enrolment = await db.selectFrom("enrolment").selectAll().where("user_id", "=", other.id).where("course_id", "=", courseId).executeTakeFirstOrThrow();
    // The course has one lesson: completing it completes the course.
    expect(enrolment.completed_at).not.toBeNull();
  });

  it("times the lesson from the lesson page's signed « opened at » relayed with the result, and ignores a forged one", async () => {
    const reader = await createUser(db, { role: "learner" });
    const openedAt = await signOpenedAt(db, reader.id, lessonId, new Date(Date.now() - 7 * 60_000));
    await relayStatements(db, reader, answer(1).map((item) => ({ ...item, openedAt })), SITE);
    const timed = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", reader.id).where("lesson_id", "=", lessonId).executeTakeFirstOrThrow();
    expect(Math.round((timed.completed_at!.getTime() - timed.started_at.getTime()) / 60_000)).toBe(7);
    // Someone else's signed value proves nothing about this learner: opened when marked done.
    const forger = await createUser(db, { role: "learner" });
    await relayStatements(db, forger, answer(1).map((item) => ({ ...item, openedAt })), SITE);
    const untimed = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", forger.id).where("lesson_id", "=", lessonId).executeTakeFirstOrThrow();
    expect(untimed.started_at.getTime()).toBe(untimed.completed_at!.getTime());
  });

  it("waits for every activity of a lesson before completing it", async () => {
    const { contentId: second } = await seedH5p(db, { storage: folderStorage(root) });
    // The demo content exists once; a second one is uploaded as a copy for this lesson.
    const copy = await db.insertInto("h5p_content").values({ ...(await db.selectFrom("h5p_content").select(["title", "main_library", "h5p_json", "storage_prefix", "file_count", "total_bytes"]).where("id", "=", second).executeTakeFirstOrThrow()), total_bytes: 1 }).returning("id").executeTakeFirstOrThrow();
    const two = await createLesson(doc(contentId, copy.id));
    const someone = await createUser(db, { role: "learner" });
    await relayStatements(db, someone, answer(1, { lesson: two.lessonId }), SITE);
    expect(await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", someone.id).where("lesson_id", "=", two.lessonId).executeTakeFirst()).toBeUndefined();
    await relayStatements(db, someone, answer(0, { lesson: two.lessonId, content: copy.id }), SITE);
    const progress = await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", someone.id).where("lesson_id", "=", two.lessonId).executeTakeFirstOrThrow();
    expect(progress.completed_at).not.toBeNull();
    expect(progress.best_score).toBe(0.5);
  });

  it("ignores a lesson id that does not embed the content, and a draft course", async () => {
    const elsewhere = await createLesson(doc());
    const someone = await createUser(db, { role: "learner" });
    const items = answer(1, { lesson: elsewhere.lessonId });
    await relayStatements(db, someone, items, SITE);
    const link = await db.selectFrom("h5p_statement_link").select("lesson_id").where("statement_id", "=", items[0]!.statement.id as string).executeTakeFirstOrThrow();
    expect(link.lesson_id).toBeNull();
    const draft = await createLesson(doc(contentId), "draft");
    await relayStatements(db, someone, answer(1, { lesson: draft.lessonId }), SITE);
    expect(await db.selectFrom("lesson_progress").selectAll().where("user_id", "=", someone.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("results", () => {
  it("gives authors and coordinators a table per activity, and refuses learners", async () => {
    const tricky = await createUser(db, { role: "learner", firstName: "=HYPERLINK(\"http://evil.example\")" });
    await relayStatements(db, tricky, answer(0), SITE);
    await relayStatements(db, tricky, answer(1), SITE);
    const { rows } = await activityResults(db, coordinator, contentId);
    const mine = rows.find((r) => r.userId === tricky.id)!;
    expect(mine).toMatchObject({ attempts: 2, best: 1, last: 1, success: true });
    const csv = resultsCsv(rows, serverT("fr"));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.split("\r\n")[0]).toContain("Meilleur score (%)");
    await expect(activityResults(db, learner, contentId)).rejects.toMatchObject({ init: { status: 403 } });
    const teacher = await createUser(db, { role: "teacher" });
    await expect(activityResults(db, teacher, contentId)).rejects.toMatchObject({ init: { status: 403 } });
  });

  it("shows a learner their results by course", async () => {
    const courses = await myResults(db, learner);
    const course = courses.find((c) => c.id === courseId)!;
    expect(course.items[0]).toMatchObject({ contentId, lessonId, best: 1 });
    expect(course.items[0]!.lessonCompletedAt).not.toBeNull();
  });
});

describe("saved state", () => {
  it("saves, gives back and deletes a learner's state, and refuses bad input", async () => {
    const params = { contentId, dataType: "state", subContentId: "0" };
    await saveState(db, learner, params, JSON.stringify({ selected: 2, checked: false }));
    expect(JSON.parse((await loadState(db, learner, params))!)).toEqual({ selected: 2, checked: false });
    const other = await createUser(db);
    expect(await loadState(db, other, params)).toBeNull();
    await expect(saveState(db, learner, params, "{not json")).rejects.toMatchObject({ init: { status: 400 } });
    await expect(saveState(db, learner, params, JSON.stringify("x".repeat(70_000)))).rejects.toMatchObject({ init: { status: 413 } });
    await expect(saveState(db, learner, { ...params, dataType: "../x" }, "{}")).rejects.toMatchObject({ init: { status: 404 } });
    await saveState(db, learner, params, "0");
    expect(await loadState(db, learner, params)).toBeNull();
  });
});

describe("personal data", () => {
  it("exports a learner's statements and states, and deletes the statements with the account", async () => {
    const leaving = await createUser(db, { role: "learner" });
    const items = answer(1);
    await relayStatements(db, leaving, items, SITE);
    await saveState(db, leaving, { contentId, dataType: "state", subContentId: "0" }, "{}");
    const exported = (await exportPersonalData(db, leaving)) as { learning_records: { statements: unknown[]; states: unknown[] } };
    expect(exported.learning_records.statements).toHaveLength(2);
    expect(exported.learning_records.states).toHaveLength(1);
    await deleteUserAsCoordinator(db, coordinator, leaving.id);
    const left = await db.selectFrom("xapi_statement").select("id").where("id", "in", items.map((i) => i.statement.id as string)).execute();
    expect(left).toEqual([]);
    // Other learners' statements stay.
    expect((await db.selectFrom("h5p_statement_link").select("statement_id").where("user_id", "=", learner.id).execute()).length).toBeGreaterThan(0);
  });
});
