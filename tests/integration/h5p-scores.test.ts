import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { activityIri, declaredCompletionIri, scoreAdjustedIri } from "../../app/features/h5p/player.server";
import { relayStatements, type RelayItem } from "../../app/features/h5p/relay.server";
import { activityResults } from "../../app/features/h5p/results.server";
import { installLibraries, uploadContent } from "../../app/features/h5p/service.server";
import type { Db } from "../../app/lib/db.server";
import { localStorage as folderStorage, type FileStorage } from "../../app/lib/storage.server";
import { FIXTURE_LIBRARIES, fixturePackage } from "../fixtures/h5p/archives";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/**
 * What the relay does with the statements of the project's fixture content
 * types: H5P.PasserelleSerie's double-counted score after a resume, and the
 * completion a learner declares for H5P.PasserelleReperes, which reports nothing.
 */
const SITE = "http://passerelle.test";
let db: Db;
let root: string;
let storage: FileStorage;
let teacher: User;
let serie: string;
let reperes: string;
let lessonId: string;

beforeAll(async () => {
  db = await testDb();
  root = mkdtempSync(path.join(tmpdir(), "passerelle-h5p-scores-"));
  storage = folderStorage(root);
  const coordinator = await createUser(db, { role: "coordinator" });
  teacher = await createUser(db, { role: "teacher" });
  await installLibraries(db, coordinator, fixturePackage("serie", FIXTURE_LIBRARIES.serie), { storage });
  await installLibraries(db, coordinator, fixturePackage("reperes", FIXTURE_LIBRARIES.reperes), { storage });
  serie = (await uploadContent(db, teacher, { file: fixturePackage("serie") }, { storage })).contentId;
  reperes = (await uploadContent(db, teacher, { file: fixturePackage("reperes") }, { storage })).contentId;
  const course = await db
    .insertInto("course")
    .values({ slug: `cours-${randomUUID().slice(0, 8)}`, title: "Arnaques", status: "published", published_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const module = await db.insertInto("course_module").values({ course_id: course.id, position: 0, title: "Module" }).returning("id").executeTakeFirstOrThrow();
  const body = { type: "doc" as const, content: [serie, reperes].map((id) => ({ type: "h5p", attrs: { contentId: id } })) };
  lessonId = (await db.insertInto("lesson").values({ course_id: course.id, module_id: module.id, position: 0, title: "Repérer", body }).returning("id").executeTakeFirstOrThrow()).id;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** H5P.PasserelleSerie's "completed" after a resume: raw 4 of max 3 (H5P rounds scaled to 4 decimals). */
const doubleCounted = (): RelayItem => ({
  statement: {
    id: randomUUID(),
    actor: { name: "x", mbox: "mailto:x@example.org" },
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
    object: { id: activityIri(SITE, serie), objectType: "Activity" },
    result: { score: { min: 0, max: 3, raw: 4, scaled: 1.3333 }, completion: true, success: true, duration: "PT40S" },
    timestamp: new Date().toISOString(),
  },
  contentId: serie,
  lessonId,
});

/** What the host frame sends when the learner presses « J'ai terminé cette activité ». */
const declared = (): RelayItem => ({
  statement: {
    id: randomUUID(),
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
    object: { id: activityIri(SITE, reperes), objectType: "Activity", definition: { name: { fr: "Repères" } } },
    result: { completion: true, extensions: { [declaredCompletionIri(SITE)]: true } },
    timestamp: new Date().toISOString(),
  },
  contentId: reperes,
  lessonId,
});

const progressOf = (userId: string) =>
  db.selectFrom("lesson_progress").select(["completed_at", "best_score"]).where("user_id", "=", userId).where("lesson_id", "=", lessonId).executeTakeFirst();

describe("a score out of xAPI's bounds", () => {
  it("is stored clamped to the maximum, marked with the original, and counts for the lesson", async () => {
    const learner = await createUser(db);
    const item = doubleCounted();
    const outcome = await relayStatements(db, learner, [item], SITE);
    expect(outcome).toEqual({ stored: [item.statement.id], duplicates: [], rejected: [], adjusted: [item.statement.id] });
    const row = await db.selectFrom("xapi_statement").select("statement").where("id", "=", item.statement.id as string).executeTakeFirstOrThrow();
    expect(row.statement.result).toMatchObject({
      score: { min: 0, max: 3, raw: 3, scaled: 1 },
      extensions: { [scoreAdjustedIri(SITE)]: { min: 0, max: 3, raw: 4, scaled: 1.3333 } },
    });
    // Sent again (a retry): the same statement, already there, still marked adjusted.
    expect(await relayStatements(db, learner, [item], SITE)).toMatchObject({ duplicates: [item.statement.id], adjusted: [item.statement.id] });
    const { rows } = await activityResults(db, teacher, serie);
    expect(rows.find((r) => r.userId === learner.id)).toMatchObject({ best: 1, attempts: 1 });
    // The lesson waits for its other activity.
    expect(await progressOf(learner.id)).toBeUndefined();
  });

  it("is refused, and never stored, when no clamping can make it valid", async () => {
    const learner = await createUser(db);
    const item = doubleCounted();
    (item.statement.result as { score: object }).score = { min: 3, max: 3, raw: 4 };
    const outcome = await relayStatements(db, learner, [item], SITE);
    expect(outcome.stored).toEqual([]);
    expect(outcome.rejected).toEqual([{ id: item.statement.id, error: "invalid: statement.result.score.min" }]);
    expect(await db.selectFrom("xapi_statement").select("id").where("id", "=", item.statement.id as string).executeTakeFirst()).toBeUndefined();
  });
});

describe("a completion the learner declares", () => {
  it("finishes an activity that reports nothing, and with the other one the lesson, scored by the scored one", async () => {
    const learner = await createUser(db);
    await relayStatements(db, learner, [doubleCounted()], SITE);
    const item = declared();
    expect((await relayStatements(db, learner, [item], SITE)).stored).toEqual([item.statement.id]);
    const progress = await progressOf(learner.id);
    expect(progress?.completed_at).not.toBeNull();
    expect(progress?.best_score).toBe(1);
    const { rows } = await activityResults(db, teacher, reperes);
    expect(rows.find((r) => r.userId === learner.id)).toMatchObject({ best: null });
  });
});
