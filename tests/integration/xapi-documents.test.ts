import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import type { XapiScope } from "../../db/schema/xapi";
import { issueCredential } from "../../app/features/xapi/credentials.server";
import { handleActivities, handleActivityProfile, handleAgentProfile, handleAgents, handleState } from "../../app/features/xapi/documents-http.server";
import { handleStatements, type LrsDeps } from "../../app/features/xapi/http.server";
import { deleteUserAsCoordinator, exportPersonalData } from "../../app/features/accounts/service.server";
import { serverT } from "../../app/lib/i18n.server";
import "../../app/personal-data.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

type Handler = (request: Request, deps: LrsDeps) => Promise<Response>;

const t = serverT("en");
let db: Db;
let full: string;
let reader: string;
let statementsOnly: string;

async function credential(scopes: XapiScope[]) {
  const coordinator = await createUser(db, { role: "coordinator" });
  const issued = await issueCredential(db, coordinator, { label: `client ${scopes.join("+")}`, scopes });
  return `Basic ${Buffer.from(`${issued.api_key}:${issued.secret}`).toString("base64")}`;
}

interface CallOptions {
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  auth?: string | null;
  version?: string | null;
  headers?: Record<string, string>;
}

function call(handler: Handler, path: string, method: string, query: Record<string, string>, options: CallOptions = {}) {
  const { body, contentType = "application/json", auth = full, version = "1.0.3", headers = {} } = options;
  const h: Record<string, string> = { ...headers };
  if (auth) h.Authorization = auth;
  if (version) h["X-Experience-API-Version"] = version;
  if (body !== undefined) h["Content-Type"] = contentType;
  const request = new Request(`http://lrs.test/xapi/${path}?${new URLSearchParams(query)}`, { method, headers: h, body });
  return handler(request, { db, t });
}

type Query = Record<string, string>;
const state = (method: string, query: Query, options?: CallOptions) => call(handleState, "activities/state", method, query, options);
const agentProfile = (method: string, query: Query, options?: CallOptions) => call(handleAgentProfile, "agents/profile", method, query, options);
const activityProfile = (method: string, query: Query, options?: CallOptions) => call(handleActivityProfile, "activities/profile", method, query, options);

async function json(response: Response) {
  return JSON.parse(await response.text());
}

const unique = () => `https://passerelle.example/activites/${randomUUID()}`;
const newAgent = () => JSON.stringify({ objectType: "Agent", mbox: `mailto:${randomUUID()}@example.org` });

beforeAll(async () => {
  db = await testDb();
  full = await credential(["all"]);
  reader = await credential(["all/read"]);
  statementsOnly = await credential(["statements/write", "statements/read"]);
});

describe("State resource", () => {
  it("PUTs, GETs with Content-Type, ETag and Last-Modified, and DELETEs one document", async () => {
    const where = { activityId: unique(), agent: newAgent(), stateId: "bookmark" };
    const put = await state("PUT", where, { body: "page 12", contentType: "text/plain" });
    expect(put.status).toBe(204);
    expect(put.headers.get("X-Experience-API-Version")).toBe("1.0.3");

    const got = await state("GET", where, { auth: reader });
    expect(got.status).toBe(200);
    expect(await got.text()).toBe("page 12");
    expect(got.headers.get("Content-Type")).toBe("text/plain");
    expect(got.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(Date.now() - Date.parse(got.headers.get("Last-Modified")!)).toBeLessThan(60_000);
    expect(got.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // Stored bytes never run as a page of our site.
    expect(got.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");

    const head = await state("HEAD", where, { auth: reader });
    expect(head.status).toBe(200);
    expect(head.headers.get("ETag")).toBe(got.headers.get("ETag"));
    expect(await head.text()).toBe("");

    expect((await state("DELETE", where)).status).toBe(204);
    const gone = await state("GET", where);
    expect(gone.status).toBe(404);
    expect((await json(gone)).error).toBe("not_found");
    // Deleting what is not there is not an error.
    expect((await state("DELETE", where)).status).toBe(204);
  });

  it("stores bytes as sent, with the SHA-1 of the bytes as the ETag", async () => {
    const where = { activityId: unique(), agent: newAgent(), stateId: "blob" };
    const bytes = new Uint8Array([0, 255, 1, 254, 10, 13]);
    expect((await state("PUT", where, { body: bytes, contentType: "application/octet-stream" })).status).toBe(204);
    expect(new Uint8Array(await (await state("GET", where)).arrayBuffer())).toEqual(bytes);
    await state("PUT", where, { body: "abc", contentType: "text/plain" });
    expect((await state("GET", where)).headers.get("ETag")).toBe('"a9993e364706816aba3e25717850c26c9cd0d89d"');
  });

  it("POST merges top-level properties of JSON objects, and refuses to merge anything else", async () => {
    const where = { activityId: unique(), agent: newAgent(), stateId: "vars" };
    expect((await state("POST", where, { body: JSON.stringify({ x: "foo", y: "bar" }) })).status).toBe(204);
    expect((await state("POST", where, { body: JSON.stringify({ x: "bash", z: "faz" }) })).status).toBe(204);
    const merged = await state("GET", where);
    expect(merged.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await json(merged)).toEqual({ x: "bash", y: "bar", z: "faz" });
    const before = merged.headers.get("ETag");

    const array = await state("POST", where, { body: "[1, 2]" });
    expect(array.status).toBe(400);
    expect((await json(array)).error).toBe("merge_not_json");
    const text = await state("POST", where, { body: "x=1", contentType: "text/plain" });
    expect(text.status).toBe(400);
    const broken = await state("POST", where, { body: "{not json" });
    expect((await json(broken)).error).toBe("bad_json");
    expect((await state("GET", where)).headers.get("ETag")).toBe(before);

    // A stored document that is not JSON cannot be merged into either.
    const plain = { ...where, stateId: "plain" };
    await state("PUT", plain, { body: "hello", contentType: "text/plain" });
    expect((await state("POST", plain, { body: "{}" })).status).toBe(400);
    expect(await (await state("GET", plain)).text()).toBe("hello");
  });

  it("lists ids of a context, with since (exclusive) and the latest Last-Modified", async () => {
    const context = { activityId: unique(), agent: newAgent() };
    await state("PUT", { ...context, stateId: "a" }, { body: "{}" });
    await new Promise((r) => setTimeout(r, 20));
    await state("PUT", { ...context, stateId: "b" }, { body: "{}" });
    const all = await state("GET", context, { auth: reader });
    expect(all.status).toBe(200);
    expect(all.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(all.headers.get("Last-Modified")).toBeTruthy();
    expect(await json(all)).toEqual(["a", "b"]);

    const stored = await db.selectFrom("xapi_document").select(["document_id", "updated_at"]).where("document_id", "in", ["a", "b"]).where("activity_id", "=", context.activityId).execute();
    const a = stored.find((r) => r.document_id === "a")!.updated_at;
    expect(await json(await state("GET", { ...context, since: a.toISOString() }))).toEqual(["b"]);
    expect(await json(await state("GET", { ...context, since: new Date(a.getTime() - 1).toISOString() }))).toEqual(["a", "b"]);
    expect(await json(await state("GET", { activityId: unique(), agent: context.agent }))).toEqual([]);
  });

  it("keeps registrations apart, and DELETE without stateId empties one context only", async () => {
    const context = { activityId: unique(), agent: newAgent() };
    const registration = randomUUID();
    await state("PUT", { ...context, stateId: "s" }, { body: '"none"' });
    await state("PUT", { ...context, registration, stateId: "s" }, { body: '"first"' });
    await state("PUT", { ...context, registration, stateId: "t" }, { body: '"first"' });
    await state("PUT", { ...context, registration: randomUUID(), stateId: "s" }, { body: '"second"' });
    expect(await json(await state("GET", { ...context, stateId: "s" }))).toBe("none");
    expect(await json(await state("GET", { ...context, registration: registration.toUpperCase(), stateId: "s" }))).toBe("first");
    expect(await json(await state("GET", { ...context, registration }))).toEqual(["s", "t"]);

    expect((await state("DELETE", { ...context, registration })).status).toBe(204);
    expect(await json(await state("GET", { ...context, registration }))).toEqual([]);
    expect(await json(await state("GET", context))).toEqual(["s"]);
  });

  it("finds the same agent however the e-mail domain is written", async () => {
    const where = { activityId: unique(), stateId: "s" };
    const local = randomUUID();
    await state("PUT", { ...where, agent: JSON.stringify({ mbox: `mailto:${local}@Example.ORG` }) }, { body: "1", contentType: "text/plain" });
    const got = await state("GET", { ...where, agent: JSON.stringify({ objectType: "Agent", name: "Ana", mbox: `mailto:${local}@example.org` }) });
    expect(await got.text()).toBe("1");
  });

  it("honours If-Match and If-None-Match when given, and needs neither", async () => {
    const where = { activityId: unique(), agent: newAgent(), stateId: "s" };
    expect((await state("PUT", where, { body: "1", contentType: "text/plain", headers: { "If-Match": "*" } })).status).toBe(412);
    expect((await state("PUT", where, { body: "1", contentType: "text/plain", headers: { "If-None-Match": "*" } })).status).toBe(204);
    const etag = (await state("GET", where)).headers.get("ETag")!;
    expect((await state("PUT", where, { body: "2", contentType: "text/plain", headers: { "If-None-Match": "*" } })).status).toBe(412);
    expect((await state("PUT", where, { body: "2", contentType: "text/plain", headers: { "If-Match": '"0000"' } })).status).toBe(412);
    expect((await state("PUT", where, { body: "2", contentType: "text/plain", headers: { "If-Match": etag } })).status).toBe(204);
    expect((await state("DELETE", where, { headers: { "If-Match": etag } })).status).toBe(412);
    expect((await state("PUT", where, { body: "3", contentType: "text/plain" })).status).toBe(204);
    expect(await (await state("GET", where)).text()).toBe("3");
  });

  it("answers 400 for missing or bad parameters, and for a missing version header", async () => {
    const ok = { activityId: unique(), agent: newAgent(), stateId: "s" };
    const cases: [Record<string, string>, string, string?][] = [
      [{ agent: ok.agent, stateId: "s" }, "parameter_required", "activityId"],
      [{ activityId: ok.activityId, stateId: "s" }, "parameter_required", "agent"],
      [{ activityId: "not-an-iri", agent: ok.agent, stateId: "s" }, "bad_parameter", "activityId"],
      [{ ...ok, agent: '{"mbox":"ana@example.org"}' }, "bad_parameter", "agent"],
      [{ ...ok, agent: '{"objectType":"Group","mbox":"mailto:team@example.org"}' }, "bad_parameter", "agent"],
      [{ ...ok, agent: "{not json" }, "bad_parameter", "agent"],
      [{ ...ok, registration: "nope" }, "bad_parameter", "registration"],
      [{ ...ok, colour: "blue" }, "unknown_parameter", "colour"],
      [{ activityId: ok.activityId, agent: ok.agent }, "parameter_required", "stateId"],
    ];
    for (const [query, code, name] of cases) {
      const response = await state("PUT", query, { body: "{}" });
      expect(response.status, JSON.stringify(query)).toBe(400);
      const answer = await json(response);
      expect(answer.error).toBe(code);
      if (name) expect(answer.message).toContain(name);
    }
    const noVersion = await state("GET", ok, { version: null });
    expect(noVersion.status).toBe(400);
    expect((await json(noVersion)).error).toBe("version_missing");
    expect((await state("GET", { ...ok, since: "yesterday" })).status).toBe(400);
  });

  it("refuses documents over 1 MB with 413", async () => {
    const where = { activityId: unique(), agent: newAgent(), stateId: "big" };
    const response = await state("PUT", where, { body: new Uint8Array(1024 * 1024 + 1), contentType: "application/octet-stream" });
    expect(response.status).toBe(413);
    expect((await json(response)).message).toContain("1048576");
    expect((await state("PUT", where, { body: new Uint8Array(1024 * 1024), contentType: "application/octet-stream" })).status).toBe(204);
  });

  it("needs credentials, reads with all/read and writes with all only", async () => {
    const where = { activityId: unique(), agent: newAgent(), stateId: "s" };
    expect((await state("GET", where, { auth: null })).status).toBe(401);
    const readOnly = await state("PUT", where, { body: "{}", auth: reader });
    expect(readOnly.status).toBe(403);
    expect((await json(readOnly)).message).toContain("documents");
    expect((await state("PUT", where, { body: "{}", auth: statementsOnly })).status).toBe(403);
    expect((await state("GET", where, { auth: statementsOnly })).status).toBe(403);
    expect((await state("DELETE", where, { auth: reader })).status).toBe(403);
  });

  it("answers CORS preflights and refuses other methods", async () => {
    const preflight = await state("OPTIONS", {}, { auth: null, version: null });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toContain("If-Match");
    expect(preflight.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
    expect((await state("PATCH", { activityId: unique(), agent: newAgent(), stateId: "s" })).status).toBe(405);
  });

  it("speaks French when asked", async () => {
    const headers = { Authorization: full, "X-Experience-API-Version": "1.0.3" };
    const request = new Request(`http://lrs.test/xapi/activities/state?${new URLSearchParams({ agent: newAgent() })}`, { headers });
    expect((await json(await handleState(request, { db, t: serverT("fr") }))).message).toBe("Le paramètre « activityId » est obligatoire.");
  });
});

describe("Agent Profile and Activity Profile resources", () => {
  const resources = [
    ["agent profile", agentProfile, () => ({ agent: newAgent() })],
    ["activity profile", activityProfile, () => ({ activityId: unique() })],
  ] as const;

  for (const [name, profile, context] of resources) {
    it(`${name}: PUT creates without headers, then needs If-Match (409) and checks it (412)`, async () => {
      const where = { ...context(), profileId: "prefs" };
      expect((await profile("PUT", where, { body: JSON.stringify({ a: 1 }) })).status).toBe(204);
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
      await profile("PUT", { ...ctx, profileId: "one" }, { body: "{}" });
      await profile("PUT", { ...ctx, profileId: "two" }, { body: "{}" });
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
    await agentProfile("PUT", { agent: a, profileId: "p" }, { body: '"a"' });
    await agentProfile("PUT", { agent: b, profileId: "p" }, { body: '"b"' });
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
    await agentProfile("PUT", { agent, profileId: "p" }, { body: new Uint8Array([1, 2]), contentType: "application/octet-stream" });
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
