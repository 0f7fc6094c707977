import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityIri } from "../../app/features/h5p/player.server";
import { relayStatements } from "../../app/features/h5p/relay.server";
import { activityResults, myResults } from "../../app/features/h5p/results.server";
import { seedH5p } from "../../app/features/h5p/seed.server";
import { parseStatementRequest } from "../../app/features/xapi/query-params";
import { attachmentContent } from "../../app/features/xapi/attachments.server";
import { readStatements, storeStatements } from "../../app/features/xapi/service.server";
import { migrateToLatest, openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { createUser } from "../helpers/fixtures";
import { h5pAnswered } from "../fixtures/h5p/statements";

// The same LRS and H5P queries on the embedded database (PGlite, PostgreSQL 17),
// which `npm start` uses when no DATABASE_URL is set.
let opened: OpenedDatabase;
let root: string;
const SITE = "http://embedded.test";
const writer = { authority: { objectType: "Agent", account: { homePage: SITE, name: "test" } }, credentialId: null };

beforeAll(async () => {
  opened = await openDatabase({ memory: true });
  await migrateToLatest(opened.db);
  root = mkdtempSync(path.join(tmpdir(), "passerelle-pglite-h5p-"));
}, 120_000);

afterAll(async () => {
  await opened?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("LRS and H5P on PGlite", () => {
  it("stores, deduplicates, voids and pages statements", async () => {
    const db = opened.db;
    const activity = `https://p.example/activites/${randomUUID()}`;
    const batch = Array.from({ length: 5 }, () => ({ ...h5pAnswered(), id: randomUUID(), object: { id: activity } }));
    await storeStatements(db, batch, writer);
    expect((await storeStatements(db, batch, writer)).inserted.size).toBe(0);
    await expect(storeStatements(db, [{ ...batch[0]!, result: { success: false } }], writer)).rejects.toMatchObject({ status: 409 });
    const voiding = { ...h5pAnswered(), id: randomUUID(), verb: { id: "http://adlnet.gov/expapi/verbs/voided" }, object: { objectType: "StatementRef", id: batch[0]!.id } };
    await storeStatements(db, [voiding], writer);
    const seen: string[] = [];
    let request = parseStatementRequest(new URLSearchParams({ activity, limit: "2", ascending: "true" }));
    for (;;) {
      const page = await readStatements(db, request, {}, { languages: [], basePath: "/xapi/statements" });
      if (page.kind !== "query") throw new Error("expected a page");
      seen.push(...page.result.statements.map((s) => s.id as string));
      if (!page.result.more) break;
      request = parseStatementRequest(new URL(page.result.more, SITE).searchParams);
    }
    // The voided statement is gone; the voiding statement targets it, so it answers the same filter (Communication §2.1.4).
    expect(seen).toEqual([...batch.slice(1).map((s) => s.id), voiding.id]);
  });

  it("stores attachment data, returns it, and drops it with its last statement", async () => {
    const db = opened.db;
    const data = Buffer.from([0, 1, 2, 255, 13, 10]);
    const sha2 = createHash("sha256").update(data).digest("hex");
    const attachments = [{ usageType: "https://p.example/usages/copie", display: { fr: "Copie" }, contentType: "application/octet-stream", length: 6, sha2 }];
    const s = { ...h5pAnswered(), id: randomUUID(), attachments };
    await storeStatements(db, [s], writer, new Map([[sha2, data]]));
    const read = await readStatements(db, parseStatementRequest(new URLSearchParams({ statementId: s.id, attachments: "true" })), {}, { languages: [], basePath: "/xapi/statements" });
    expect(read.attachments).toEqual([{ sha2, contentType: "application/octet-stream", length: 6 }]);
    expect(Buffer.from((await attachmentContent(db, sha2))!).equals(data)).toBe(true);
    await db.deleteFrom("xapi_statement").where("id", "=", s.id).execute();
    expect(await attachmentContent(db, sha2)).toBeUndefined();
  });

  it("installs the demo package, relays a learner's answers and computes results", async () => {
    const db = opened.db;
    const coordinator = await createUser(db, { role: "coordinator" });
    const learner = await createUser(db, { role: "learner" });
    const { contentId } = await seedH5p(db, { storage: folderStorage(root), createdBy: coordinator.id });
    const object = { id: activityIri(SITE, contentId), objectType: "Activity" };
    const result = { score: { min: 0, max: 1, raw: 1, scaled: 1 }, completion: true, success: true };
    const outcome = await relayStatements(
      db,
      learner,
      [
        { statement: { id: randomUUID(), actor: { mbox: "mailto:x@y.z" }, verb: { id: "http://adlnet.gov/expapi/verbs/answered" }, object, result }, contentId, lessonId: null },
        { statement: { id: randomUUID(), actor: { mbox: "mailto:x@y.z" }, verb: { id: "http://adlnet.gov/expapi/verbs/completed" }, object, result }, contentId, lessonId: null },
      ],
      SITE,
    );
    expect(outcome.stored).toHaveLength(2);
    const { rows } = await activityResults(db, coordinator, contentId);
    expect(rows).toEqual([expect.objectContaining({ userId: learner.id, attempts: 1, best: 1, success: true })]);
    expect((await myResults(db, learner))[0]!.items[0]).toMatchObject({ contentId, best: 1 });
  });
});
