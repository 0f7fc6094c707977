import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { handleState } from "../../app/features/xapi/documents-http.server";
import { serverT } from "../../app/lib/i18n.server";
import { json, newAgent, setUpLrs, state, unique } from "./xapi-documents-support";

let db: Db;
let full: string;
let reader: string;
let statementsOnly: string;

beforeAll(async () => {
  ({ db, full, reader, statementsOnly } = await setUpLrs());
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

  it("keeps every property when POSTs create the same document at the same time", async () => {
    // The inserts that lose the race start their transaction again and merge into the winner's row.
    const where = { activityId: unique(), agent: newAgent(), stateId: "race" };
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => state("POST", where, { body: JSON.stringify({ [`k${i}`]: i }) })));
    expect(answers.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    expect(await json(await state("GET", where))).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
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
