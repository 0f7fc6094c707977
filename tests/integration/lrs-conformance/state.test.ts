import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { json, newAgent, onBothDatabases, unique } from "./support";

// The State resource (xAPI-Communication §2.3), its documents (§2.2) and concurrency (§3.1).

onBothDatabases("State resource", (lrs) => {
  const place = () => ({ activityId: unique(), agent: JSON.stringify(newAgent()) });

  it("Comm §3.1.s3: State takes PUT, POST and DELETE without concurrency headers", async () => {
    const where = { ...place(), stateId: "bookmark" };
    expect((await lrs().call("state", "PUT", where, { body: "page 3", contentType: "text/plain" })).status).toBe(204);
    expect((await lrs().call("state", "PUT", where, { body: "page 4", contentType: "text/plain" })).status).toBe(204);
    const got = await lrs().call("state", "GET", where);
    expect(await got.text()).toBe("page 4");
    expect(got.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await lrs().call("state", "DELETE", where)).status).toBe(204);
    expect((await lrs().call("state", "GET", where)).status).toBe(404);
  });

  it("Comm §2.2.s7–s8: POST merges JSON objects' top-level properties, refuses anything else with 400 and changes nothing", async () => {
    const where = { ...place(), stateId: "variables" };
    await lrs().call("state", "POST", where, { body: JSON.stringify({ x: "foo", y: "bar" }) });
    await lrs().call("state", "POST", where, { body: JSON.stringify({ x: "bash", z: "faz" }) });
    expect(await json(await lrs().call("state", "GET", where))).toEqual({ x: "bash", y: "bar", z: "faz" });
    expect((await lrs().call("state", "POST", where, { body: "[1]" })).status).toBe(400);
    expect(await json(await lrs().call("state", "GET", where))).toEqual({ x: "bash", y: "bar", z: "faz" });
  });

  it("Comm §2.3.s4–s5: ids of a context with since, and DELETE without stateId empties that context only", async () => {
    const context = place();
    const registration = randomUUID();
    await lrs().call("state", "PUT", { ...context, stateId: "a" }, { body: "{}" });
    await lrs().call("state", "PUT", { ...context, registration, stateId: "b" }, { body: "{}" });
    expect(await json(await lrs().call("state", "GET", context))).toEqual(["a"]);
    expect(await json(await lrs().call("state", "GET", { ...context, since: new Date(Date.now() + 60_000).toISOString() }))).toEqual([]);
    expect((await lrs().call("state", "DELETE", { ...context, registration })).status).toBe(204);
    expect(await json(await lrs().call("state", "GET", { ...context, registration }))).toEqual([]);
    expect(await json(await lrs().call("state", "GET", context))).toEqual(["a"]);
  });

  it("Comm §1.3: the alternate syntax — PUT, POST, GET and DELETE with the headers and parameters as form fields", async () => {
    const headers = { Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3" };
    const context = place();
    const where = { ...context, stateId: "alternate" };
    // No Content-Type field: the content is stored as bytes, like a normal PUT without the header.
    expect((await lrs().alternate("state", "PUT", { ...headers, ...where, content: "page=12&zoom=2" })).status).toBe(204);
    const raw = await lrs().call("state", "GET", where);
    expect(raw.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(await raw.text()).toBe("page=12&zoom=2");
    expect((await lrs().alternate("state", "PUT", { ...headers, ...where, content: '{"page":12}', "Content-Type": "application/json" })).status).toBe(204);
    expect((await lrs().alternate("state", "POST", { ...headers, ...where, content: '{"zoom":2}', "Content-Type": "application/json" })).status).toBe(204);
    const got = await lrs().alternate("state", "GET", { ...headers, ...where });
    expect(await json(got)).toEqual({ page: 12, zoom: 2 });
    expect(got.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(await json(await lrs().alternate("state", "GET", { ...headers, ...context }))).toEqual(["alternate"]);
    expect((await lrs().alternate("state", "DELETE", { ...headers, ...context })).status).toBe(204);
    expect((await lrs().call("state", "GET", where)).status).toBe(404);
  });

  it("Comm §1.3: a broken alternate request on State is a 400", async () => {
    const headers = { Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3" };
    const where = { ...place(), stateId: "s" };
    const cases: [string, Promise<Response>, string][] = [
      ["parameters in the address", lrs().alternate("state", "PUT", { ...headers, content: "x" }, { query: `method=PUT&${new URLSearchParams(where)}` }), "alternate_query"],
      ["content on a DELETE", lrs().alternate("state", "DELETE", { ...headers, ...where, content: "x" }), "alternate_content_not_allowed"],
      ["not form-encoded", lrs().alternate("state", "PUT", { ...headers, ...where, content: "x" }, { contentType: "text/plain" }), "alternate_content_type"],
      ["form body without ?method", lrs().call("state", "PUT", where, { body: "content=x", contentType: "application/x-www-form-urlencoded" }), "form_without_method"],
    ];
    for (const [name, answer, code] of cases) {
      const response = await answer;
      expect(response.status, name).toBe(400);
      expect((await json(response)).error, name).toBe(code);
    }
  });
});
