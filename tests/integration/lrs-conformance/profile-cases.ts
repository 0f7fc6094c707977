import { expect, it } from "vitest";
import { json, type Lrs } from "./support";

/**
 * The rules the Agent Profile (§2.6) and Activity Profile (§2.7) resources
 * share — concurrency (§3.1) read as the ADL conformance suite reads it, and
 * the alternate syntax (§1.3) — declared for one of them.
 */
export function profileCases(lrs: () => Lrs, resource: "agent-profile" | "activity-profile", place: () => Record<string, string>) {
  it("Comm §3.1.s3.b1 (ADL XAPI-00273 and its activity twin): a PUT without If-Match or If-None-Match of a new profile is refused with 400, nothing stored", async () => {
    const where = { ...place(), profileId: "preferences" };
    const response = await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 1 }) });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toContain("If-None-Match");
    expect((await lrs().call(resource, "GET", where)).status).toBe(404);
  });

  it("Comm §3.1.s4.b13–b15: a PUT without either header of an existing profile is a 409 that says to read it and send If-Match, nothing changed", async () => {
    const where = { ...place(), profileId: "preferences" };
    expect((await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 1 }), headers: { "If-None-Match": "*" } })).status).toBe(204);
    const conflict = await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 2 }) });
    expect(conflict.status).toBe(409);
    expect((await json(conflict)).message).toContain("If-Match");
    expect(await json(await lrs().call(resource, "GET", where))).toEqual({ a: 1 });
  });

  it("Comm §3.1.s4.b5–b10: If-Match with the current ETag replaces, a stale one or If-None-Match: * on an existing profile is a 412", async () => {
    const where = { ...place(), profileId: "preferences" };
    await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 1 }), headers: { "If-None-Match": "*" } });
    const etag = (await lrs().call(resource, "GET", where)).headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 2 }), headers: { "If-None-Match": "*" } })).status).toBe(412);
    expect((await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 2 }), headers: { "If-Match": etag } })).status).toBe(204);
    expect((await lrs().call(resource, "PUT", where, { body: JSON.stringify({ a: 3 }), headers: { "If-Match": etag } })).status).toBe(412);
    expect(await json(await lrs().call(resource, "GET", where))).toEqual({ a: 2 });
  });

  it("Comm §3.1.s3.b2–b3: POST and DELETE need no precondition (SHOULD* for clients only)", async () => {
    const where = { ...place(), profileId: "merged" };
    expect((await lrs().call(resource, "POST", where, { body: JSON.stringify({ a: 1 }) })).status).toBe(204);
    expect((await lrs().call(resource, "POST", where, { body: JSON.stringify({ b: 2 }) })).status).toBe(204);
    expect(await json(await lrs().call(resource, "GET", where))).toEqual({ a: 1, b: 2 });
    expect((await lrs().call(resource, "DELETE", where)).status).toBe(204);
    expect((await lrs().call(resource, "GET", where)).status).toBe(404);
  });

  it("Comm §1.3: the alternate syntax — PUT with If-None-Match and the headers as form fields, GET, POST, DELETE", async () => {
    const context = place();
    const headers = { Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3" };
    const where = { ...context, profileId: "alternate" };
    const bare = await lrs().alternate(resource, "PUT", { ...headers, ...where, content: '{"a":1}', "Content-Type": "application/json" });
    expect(bare.status).toBe(400);
    const put = await lrs().alternate(resource, "PUT", { ...headers, ...where, content: '{"a":"é"}', "Content-Type": "application/json", "If-None-Match": "*" });
    expect(put.status).toBe(204);
    const got = await lrs().alternate(resource, "GET", { ...headers, ...where });
    expect(got.status).toBe(200);
    expect(got.headers.get("Content-Type")).toBe("application/json");
    expect(await json(got)).toEqual({ a: "é" });
    const etag = got.headers.get("ETag")!;
    expect((await lrs().alternate(resource, "POST", { ...headers, ...where, content: '{"b":2}', "Content-Type": "application/json", "If-Match": etag })).status).toBe(204);
    expect(await json(await lrs().alternate(resource, "GET", { ...headers, ...context }))).toEqual(["alternate"]);
    expect((await lrs().alternate(resource, "DELETE", { ...headers, ...where, "If-Match": '"0000000000000000000000000000000000000000"' })).status).toBe(412);
    expect((await lrs().alternate(resource, "DELETE", { ...headers, ...where })).status).toBe(204);
    expect((await lrs().call(resource, "GET", where)).status).toBe(404);
    // The form's headers are the request's: without credentials in either place, 401.
    expect((await lrs().alternate(resource, "GET", { "X-Experience-API-Version": "1.0.3", ...where })).status).toBe(401);
  });
}
