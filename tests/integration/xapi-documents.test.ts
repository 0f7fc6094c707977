import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { handleActivities, handleAgents } from "../../app/features/xapi/documents-http.server";
import { handleStatements } from "../../app/features/xapi/http.server";
import { deleteUserAsCoordinator, exportPersonalData } from "../../app/features/accounts/service.server";
import "../../app/modules.server";
import { createUser } from "../helpers/fixtures";
import { activityProfile, agentProfile, call, credential, json, newAgent, setUpLrs, state, t, unique } from "./xapi-documents-support";

let db: Db;
let full: string;
let reader: string;
let statementsOnly: string;

beforeAll(async () => {
  ({ db, full, reader, statementsOnly } = await setUpLrs());
});

describe("Agent Profile and Activity Profile resources", () => {
  const resources = [
    ["agent profile", agentProfile, () => ({ agent: newAgent() })],
    ["activity profile", activityProfile, () => ({ activityId: unique() })],
  ] as const;

  for (const [name, profile, context] of resources) {
    it(`${name}: PUT needs a precondition (400 when new, 409 when stored) and checks it (412)`, async () => {
      const where = { ...context(), profileId: "prefs" };
      const bare = await profile("PUT", where, { body: JSON.stringify({ a: 1 }) });
      expect(bare.status).toBe(400);
      expect((await json(bare)).error).toBe("precondition_required");
      expect((await profile("GET", where)).status).toBe(404);
      expect((await profile("PUT", where, { body: JSON.stringify({ a: 1 }), headers: { "If-None-Match": "*" } })).status).toBe(204);
      const first = await profile("GET", where, { auth: reader });
      expect(await json(first)).toEqual({ a: 1 });
      const etag = first.headers.get("ETag")!;

      const conflict = await profile("PUT", where, { body: JSON.stringify({ a: 2 }) });
      expect(conflict.status).toBe(409);
      const answer = await json(conflict);
      expect(answer.error).toBe("concurrency_required");
      expect(answer.message).toContain("If-Match");

      expect((await profile("PUT", where, { body: "{}", headers: { "If-Match": '"deadbeef"' } })).status).toBe(412);
      expect((await profile("PUT", where, { body: "{}", headers: { "If-None-Match": "*" } })).status).toBe(412);
      expect(await json(await profile("GET", where))).toEqual({ a: 1 });

      expect((await profile("PUT", where, { body: JSON.stringify({ a: 3 }), headers: { "If-Match": etag } })).status).toBe(204);
      const second = await profile("GET", where);
      expect(await json(second)).toEqual({ a: 3 });
      // The old ETag no longer matches: a stale writer is refused.
      expect((await profile("PUT", where, { body: "{}", headers: { "If-Match": etag } })).status).toBe(412);

      expect((await profile("POST", where, { body: JSON.stringify({ b: 4 }), headers: { "If-Match": etag } })).status).toBe(412);
      expect((await profile("POST", where, { body: JSON.stringify({ b: 4 }) })).status).toBe(204);
      expect(await json(await profile("GET", where))).toEqual({ a: 3, b: 4 });

      expect((await profile("DELETE", where, { headers: { "If-Match": etag } })).status).toBe(412);
      const current = (await profile("GET", where)).headers.get("ETag")!;
      expect((await profile("DELETE", where, { headers: { "If-Match": current } })).status).toBe(204);
      expect((await profile("GET", where)).status).toBe(404);
    });

    it(`${name}: lists profile ids with since, and requires profileId elsewhere`, async () => {
      const ctx = context();
      await profile("PUT", { ...ctx, profileId: "one" }, { body: "{}", headers: { "If-None-Match": "*" } });
      await profile("PUT", { ...ctx, profileId: "two" }, { body: "{}", headers: { "If-None-Match": "*" } });
      expect(await json(await profile("GET", ctx))).toEqual(["one", "two"]);
      expect(await json(await profile("GET", { ...ctx, since: new Date(Date.now() + 60_000).toISOString() }))).toEqual([]);
      const missing = await profile("DELETE", ctx);
      expect(missing.status).toBe(400);
      expect((await json(missing)).error).toBe("parameter_required");
      expect((await profile("GET", { ...ctx, registration: randomUUID() })).status).toBe(400);
      expect((await profile("PUT", { ...ctx, profileId: "x" }, { body: "{}", auth: reader })).status).toBe(403);
    });
  }

  it("keeps the same profileId of two agents and of an agent and an activity apart", async () => {
    const [a, b] = [newAgent(), newAgent()];
    await agentProfile("PUT", { agent: a, profileId: "p" }, { body: '"a"', headers: { "If-None-Match": "*" } });
    await agentProfile("PUT", { agent: b, profileId: "p" }, { body: '"b"', headers: { "If-None-Match": "*" } });
    expect(await json(await agentProfile("GET", { agent: a, profileId: "p" }))).toBe("a");
    expect(await json(await agentProfile("GET", { agent: b, profileId: "p" }))).toBe("b");
  });

  it("stores one document when the same profile is created twice at the same time", async () => {
    const where = { activityId: unique(), profileId: "race" };
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => activityProfile("PUT", where, { body: JSON.stringify({ i }), headers: { "If-None-Match": "*" } })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(4);
    const rows = await db.selectFrom("xapi_document").select("id").where("activity_id", "=", where.activityId).execute();
    expect(rows).toHaveLength(1);
  });
});

describe("Activities and Agents resources", () => {
  async function postStatement(statement: Record<string, unknown>) {
    const request = new Request("http://lrs.test/xapi/statements", {
      method: "POST",
      headers: { Authorization: full, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" },
      body: JSON.stringify(statement),
    });
    const response = await handleStatements(request, { db, t });
    expect(response.status).toBe(200);
  }

  it("returns an Activity with the latest definition seen, or just its id", async () => {
    const activity = unique();
    const actor = { mbox: `mailto:${randomUUID()}@example.org` };
    const verb = { id: "http://adlnet.gov/expapi/verbs/experienced" };
    await postStatement({ actor, verb, object: { id: activity, definition: { name: { fr: "Ancien nom" } } } });
    await new Promise((r) => setTimeout(r, 5));
    await postStatement({ actor, verb, object: { id: activity, definition: { name: { fr: "Quiz" }, type: "http://adlnet.gov/expapi/activities/assessment" } } });
    await postStatement({ actor, verb, object: { id: activity } });

    const response = await call(handleActivities, "activities", "GET", { activityId: activity }, { auth: statementsOnly });
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(await json(response)).toEqual({
      objectType: "Activity",
      id: activity,
      definition: { name: { fr: "Quiz" }, type: "http://adlnet.gov/expapi/activities/assessment" },
    });

    // Known only from a statement's context.
    const parent = unique();
    await postStatement({ actor, verb, object: { id: unique() }, context: { contextActivities: { parent: [{ id: parent, definition: { name: { fr: "Parcours" } } }] } } });
    expect(await json(await call(handleActivities, "activities", "GET", { activityId: parent }))).toMatchObject({ definition: { name: { fr: "Parcours" } } });

    const unknown = unique();
    expect(await json(await call(handleActivities, "activities", "GET", { activityId: unknown }))).toEqual({ objectType: "Activity", id: unknown });
    expect((await call(handleActivities, "activities", "GET", {})).status).toBe(400);
    expect((await call(handleActivities, "activities", "GET", { activityId: "nope" })).status).toBe(400);
    expect((await call(handleActivities, "activities", "GET", { activityId: unknown, agent: newAgent() })).status).toBe(400);
    expect((await call(handleActivities, "activities", "POST", { activityId: unknown }, { body: "{}" })).status).toBe(405);
    expect((await call(handleActivities, "activities", "GET", { activityId: unknown }, { version: null })).status).toBe(400);
  });

  it("returns a Person object for an Agent, with the names statements gave it", async () => {
    const mbox = `mailto:${randomUUID()}@example.org`;
    await postStatement({ actor: { name: "Ana", mbox }, verb: { id: "http://adlnet.gov/expapi/verbs/experienced" }, object: { id: unique() } });
    const response = await call(handleAgents, "agents", "GET", { agent: JSON.stringify({ objectType: "Agent", mbox }) });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ objectType: "Person", name: ["Ana"], mbox: [mbox] });

    const stranger = { account: { homePage: "https://elsewhere.example", name: "x1" } };
    expect(await json(await call(handleAgents, "agents", "GET", { agent: JSON.stringify(stranger) }))).toEqual({
      objectType: "Person",
      account: [stranger.account],
    });
    expect((await call(handleAgents, "agents", "GET", { agent: '{"objectType":"Group","mbox":"mailto:g@example.org"}' })).status).toBe(400);
    expect((await call(handleAgents, "agents", "GET", {})).status).toBe(400);
    const writeOnly = await credential(["statements/write"]);
    expect((await call(handleAgents, "agents", "GET", { agent: JSON.stringify(stranger) }, { auth: writeOnly })).status).toBe(403);
  });
});

describe("personal data", () => {
  it("exports and deletes the documents stored under a learner's account", async () => {
    const learner = await createUser(db, { role: "learner" });
    const agent = JSON.stringify({ account: { homePage: "http://lrs.test", name: learner.id } });
    const other = newAgent();
    const activityId = unique();
    await state("PUT", { activityId, agent, stateId: "s" }, { body: JSON.stringify({ page: 3 }) });
    await agentProfile("PUT", { agent, profileId: "p" }, { body: new Uint8Array([1, 2]), contentType: "application/octet-stream", headers: { "If-None-Match": "*" } });
    await state("PUT", { activityId, agent: other, stateId: "s" }, { body: "{}" });

    const exported = (await exportPersonalData(db, learner)) as { learning_documents: { document_id: string; content: string; encoding: string }[] };
    expect(exported.learning_documents.map((d) => [d.document_id, d.content, d.encoding])).toEqual([
      ["s", '{"page":3}', "utf-8"],
      ["p", "AQI=", "base64"],
    ]);

    await deleteUserAsCoordinator(db, await createUser(db, { role: "coordinator" }), learner.id);
    expect((await state("GET", { activityId, agent, stateId: "s" })).status).toBe(404);
    expect((await agentProfile("GET", { agent, profileId: "p" })).status).toBe(404);
    expect((await state("GET", { activityId, agent: other, stateId: "s" })).status).toBe(200);
  });
});
