import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { publicUrl } from "../../../app/lib/public-url.server";
import { ids, json, onBothDatabases, statement, store, unique, VOIDED } from "./support";

// The Statement resource (xAPI-Communication §2.1) and the statement rules it enforces (xAPI-Data §2.4).

onBothDatabases("Statement resource", (lrs) => {
  const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

  it("Comm §2.1.3.s2.b5: X-Experience-API-Consistent-Through on every answer, errors included", async () => {
    const id = (await store(lrs(), statement()))[0]!;
    const answers: [string, Promise<Response>, number][] = [
      ["GET", lrs().call("statements", "GET"), 200],
      ["GET by id", lrs().call("statements", "GET", { statementId: id }), 200],
      ["POST", lrs().call("statements", "POST", {}, { body: statement() }), 200],
      ["PUT", lrs().call("statements", "PUT", { statementId: randomUUID() }, { body: statement({ id: undefined }) }), 204],
      ["no version header", lrs().call("statements", "GET", {}, { version: null }), 400],
      ["bad parameter", lrs().call("statements", "GET", { limit: "many" }), 400],
      ["invalid statement", lrs().call("statements", "POST", {}, { body: { actor: {} } }), 400],
      ["no credentials", lrs().call("statements", "GET", {}, { auth: null }), 401],
      ["no right", lrs().call("statements", "POST", {}, { body: statement(), auth: lrs().auth.allRead }), 403],
      ["unknown id", lrs().call("statements", "GET", { statementId: randomUUID() }), 404],
      ["other method", lrs().call("statements", "DELETE"), 405],
      ["conflict", lrs().call("statements", "PUT", { statementId: id }, { body: statement({ id, result: { success: true } }) }), 409],
      ["preflight", lrs().call("statements", "OPTIONS", {}, { auth: null, version: null }), 204],
    ];
    for (const [name, answer, status] of answers) {
      const response = await answer;
      expect(response.status, name).toBe(status);
      expect(response.headers.get("X-Experience-API-Consistent-Through"), name).toMatch(ISO_8601);
    }
  });

  it("Comm §2.1.3.s2.b5 (ADL XAPI-00152): the header is never before the stored time of a returned statement", async () => {
    await store(lrs(), statement());
    const response = await lrs().call("statements", "GET", { limit: "10" });
    const through = Date.parse(response.headers.get("X-Experience-API-Consistent-Through")!);
    for (const s of (await json(response)).statements) expect(Date.parse(s.stored)).toBeLessThanOrEqual(through);
  });

  const pairing = () => ({
    objectType: "Group",
    member: [{ account: { homePage: "http://example.com/xAPI/OAuth/Token", name: "oauth_consumer_x75db" } }, { mbox: "mailto:bob@example.com" }],
  });

  it("Data §2.4.9.s3.b1: an Agent or an anonymous Group of two Agents is accepted as authority, and replaced by the LRS's (§2.4.9.s3.b4)", async () => {
    for (const authority of [{ objectType: "Agent", mbox: "mailto:someone@example.org" }, pairing()]) {
      const [id] = await store(lrs(), statement({ authority }));
      const stored = await json(await lrs().call("statements", "GET", { statementId: id! }));
      // The authority names the site by its public address, never by the Host a request came with.
      expect(stored.authority).toMatchObject({ objectType: "Agent", account: { homePage: publicUrl() } });
    }
  });

  it("Data §2.4.9.s3.b1 (ADL XAPI-00098, XAPI-00100): any other Group authority is refused with 400", async () => {
    const [first, second] = pairing().member;
    const cases: [string, Record<string, unknown>][] = [
      ["named", { ...pairing(), name: "xAPI Group" }],
      ["identified by mbox", { ...pairing(), mbox: "mailto:xapigroup@example.com" }],
      ["identified by mbox_sha1sum", { ...pairing(), mbox_sha1sum: "cd9b00a5611f94eaa7b1661edab976068e364975" }],
      ["identified by openid", { ...pairing(), openid: "http://openid.example.org/12345" }],
      ["identified by account", { ...pairing(), account: { homePage: "http://www.example.com", name: "xAPI account name" } }],
      ["of one member", { objectType: "Group", member: [second] }],
      ["of three members", { objectType: "Group", member: [first, second, { mbox: "mailto:james@example.com" }] }],
      ["without members", { objectType: "Group", member: [] }],
    ];
    for (const [name, authority] of cases) {
      const s = statement({ authority });
      const response = await lrs().call("statements", "POST", {}, { body: s });
      expect(response.status, name).toBe(400);
      expect((await json(response)).message, name).toContain("statement.authority");
      expect((await lrs().call("statements", "GET", { statementId: s.id })).status, name).toBe(404);
    }
  });

  it("Comm §2.1.3.s3, §2.1.4.s1.b2 (ADL XAPI-00162): a filter matching a voided statement returns the statements that target it, not the voided one", async () => {
    const verb = `https://passerelle.example/verbes/${randomUUID()}`;
    const voided = statement({ verb: { id: verb } });
    const voiding = statement({ verb: { id: VOIDED }, actor: { mbox: "mailto:admin@example.org" }, object: { objectType: "StatementRef", id: voided.id } });
    const reference = statement({ verb: { id: verb }, actor: { mbox: "mailto:reviewer@example.org" }, object: { objectType: "StatementRef", id: voided.id } });
    await store(lrs(), voided);
    await store(lrs(), voiding);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await store(lrs(), reference);

    expect(await ids(lrs(), { verb })).toEqual([reference.id, voiding.id]);
    expect(await ids(lrs(), { verb, limit: "1" })).toEqual([reference.id]);
    // Time and paging apply to the statement returned, not to the one it targets.
    expect(await ids(lrs(), { verb, since: between })).toEqual([reference.id]);
    expect(await ids(lrs(), { verb, until: between })).toEqual([voiding.id]);
    expect(await ids(lrs(), { verb: VOIDED, until: new Date().toISOString(), limit: "0" })).toContain(voiding.id);
    // Any filter other than time: activity, agent, both together.
    expect(await ids(lrs(), { activity: voided.object.id })).toEqual([reference.id, voiding.id]);
    expect(await ids(lrs(), { agent: JSON.stringify(voided.actor), activity: voided.object.id, ascending: "true" })).toEqual([voiding.id, reference.id]);
    expect(await ids(lrs(), { activity: voided.object.id, related_activities: "true" })).toEqual([reference.id, voiding.id]);
    // The voided statement itself only by voidedStatementId.
    expect((await lrs().call("statements", "GET", { statementId: voided.id })).status).toBe(404);
    expect((await lrs().call("statements", "GET", { voidedStatementId: voided.id })).status).toBe(200);
  });

  it("Comm §2.1.3.s3: the rule applies to any StatementRef, recursively, whichever arrives first; a StatementRef in context does not count", async () => {
    const activity = unique();
    const c = statement({ object: { id: activity } });
    const b = statement({ actor: { mbox: "mailto:b@example.org" }, object: { objectType: "StatementRef", id: c.id } });
    const a = statement({ actor: { mbox: "mailto:a@example.org" }, object: { objectType: "StatementRef", id: b.id } });
    const aside = statement({ context: { statement: { objectType: "StatementRef", id: c.id } } });
    // The chain arrives backwards: a, then b, then c, each in its own request.
    await store(lrs(), a);
    await store(lrs(), b);
    expect(await ids(lrs(), { activity })).toEqual([]);
    await store(lrs(), c, aside);
    expect(new Set(await ids(lrs(), { activity }))).toEqual(new Set([a.id, b.id, c.id]));
    expect(await ids(lrs(), { agent: JSON.stringify({ mbox: "mailto:b@example.org" }), ascending: "true" })).toEqual([a.id, b.id]);
    // A filter the target does not meet as a whole matches nothing through it.
    expect(await ids(lrs(), { activity, verb: "https://passerelle.example/verbes/autre" })).toEqual([]);
  });

  it("Comm §2.1.3.s3, §2.1.3 more: pages interleave direct matches and targeting statements in stored order", async () => {
    const verb = `https://passerelle.example/verbes/${randomUUID()}`;
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const direct = statement({ verb: { id: verb } });
      order.push(...(await store(lrs(), direct)));
      order.push(...(await store(lrs(), statement({ object: { objectType: "StatementRef", id: direct.id } }))));
    }
    const seen: string[] = [];
    let page = await json(await lrs().call("statements", "GET", { verb, limit: "2" }));
    for (;;) {
      seen.push(...page.statements.map((s: { id: string }) => s.id));
      if (!page.more) break;
      page = await json(await lrs().call("statements", "GET", { more: new URL(page.more, "http://lrs.test").searchParams.get("more")! }));
    }
    expect(seen).toEqual([...order].reverse());
  });

  it("Comm §2.1.3.s3: a StatementRef and its target sent at the same time in two requests are always linked", async () => {
    const pairs = Array.from({ length: 6 }, () => {
      const target = statement({ object: { id: unique() } });
      return { target, ref: statement({ actor: { mbox: "mailto:ref@example.org" }, object: { objectType: "StatementRef", id: target.id } }) };
    });
    await Promise.all(pairs.flatMap(({ target, ref }) => [store(lrs(), ref), store(lrs(), target)]));
    for (const { target, ref } of pairs) expect(new Set(await ids(lrs(), { activity: target.object.id }))).toEqual(new Set([target.id, ref.id]));
  });

  it("Data §2.3.2: a statement and its voiding statement sent at the same time in two requests: the statement is always voided", async () => {
    const pairs = Array.from({ length: 6 }, () => {
      const target = statement();
      return { target, voiding: statement({ verb: { id: VOIDED }, object: { objectType: "StatementRef", id: target.id } }) };
    });
    await Promise.all(pairs.flatMap(({ target, voiding }) => [store(lrs(), voiding), store(lrs(), target)]));
    for (const { target } of pairs) {
      expect((await lrs().call("statements", "GET", { statementId: target.id })).status).toBe(404);
      expect((await lrs().call("statements", "GET", { voidedStatementId: target.id })).status).toBe(200);
    }
  });

  it("Comm §2.1.3.s2.b3: scopes still apply to the statement returned (statements/read/mine)", async () => {
    const activity = unique();
    const target = statement({ object: { id: activity } });
    await store(lrs(), target);
    const response = await lrs().call("statements", "POST", {}, { auth: lrs().auth.mine, body: statement({ object: { objectType: "StatementRef", id: target.id } }) });
    const [mine] = await json(response);
    const listed = await json(await lrs().call("statements", "GET", { activity }, { auth: lrs().auth.mine }));
    expect(listed.statements.map((s: { id: string }) => s.id)).toEqual([mine]);
  });

  it("Comm §2.1.3 format=ids: Activities, Agents, Groups and Verbs of a SubStatement reduced to their identifiers", async () => {
    const team = { objectType: "Group", name: "Équipe", member: [{ name: "Léa", mbox: "mailto:lea@example.org" }, { objectType: "Agent", name: "Tom", mbox: "mailto:tom@example.org" }] };
    const sub = {
      objectType: "SubStatement",
      actor: { objectType: "Agent", name: "Ana", mbox: "mailto:ana@example.org" },
      verb: { id: "http://adlnet.gov/expapi/verbs/attempted", display: { "en-US": "attempted" } },
      object: { objectType: "Activity", id: unique(), definition: { name: { "en-US": "Quiz" } } },
      context: {
        instructor: { name: "Prof", openid: "https://id.example/prof" },
        team,
        contextActivities: { parent: [{ objectType: "Activity", id: "https://passerelle.example/parcours/1", definition: { name: { fr: "Parcours" } } }] },
      },
    };
    const s = statement({ object: sub, context: { contextActivities: { category: { id: "https://passerelle.example/categories/1", objectType: "Activity" } } } });
    await store(lrs(), s);
    const got = await json(await lrs().call("statements", "GET", { statementId: s.id, format: "ids" }));
    expect(got.object).toEqual({
      objectType: "SubStatement",
      actor: { objectType: "Agent", mbox: "mailto:ana@example.org" },
      verb: { id: "http://adlnet.gov/expapi/verbs/attempted" },
      object: { id: sub.object.id },
      context: {
        instructor: { openid: "https://id.example/prof" },
        team: { objectType: "Group", member: [{ mbox: "mailto:lea@example.org" }, { objectType: "Agent", mbox: "mailto:tom@example.org" }] },
        contextActivities: { parent: [{ id: "https://passerelle.example/parcours/1" }] },
      },
    });
    expect(got.context.contextActivities).toEqual({ category: [{ id: "https://passerelle.example/categories/1" }] });
    expect(got.actor).toEqual({ objectType: "Agent", mbox: "mailto:ana@example.org" });
    const page = await json(await lrs().call("statements", "GET", { activity: sub.object.id, related_activities: "true", format: "ids" }));
    expect(page.statements[0].object.object).toEqual({ id: sub.object.id });
  });

  it("Comm §1.3: the alternate syntax on statements — GET as POST with form parameters, PUT and POST with the statement as content", async () => {
    const s = statement();
    const put = await lrs().alternate("statements", "PUT", { statementId: s.id, content: JSON.stringify(s) }, { headers: { Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3" } });
    expect(put.status).toBe(204);
    expect(put.headers.get("X-Experience-API-Consistent-Through")).toMatch(ISO_8601);
    // Headers given as form fields (§1.3.s3.b6–b7), nothing but the form in the HTTP request.
    const get = await lrs().alternate("statements", "GET", { statementId: s.id, Authorization: lrs().auth.allRead, "X-Experience-API-Version": "1.0.3" });
    expect(get.status).toBe(200);
    expect((await json(get)).id).toBe(s.id);
    const list = await lrs().alternate("statements", "GET", { limit: "1", Authorization: lrs().auth.allRead, "X-Experience-API-Version": "1.0.3" });
    expect(Object.keys(await json(list)).sort()).toEqual(["more", "statements"]);
    const other = statement();
    const post = await lrs().alternate("statements", "POST", { content: JSON.stringify([other]), "Content-Type": "application/json", Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3" });
    expect(await json(post)).toEqual([other.id]);
  });

  it("Comm §1.3: the alternate syntax is refused with 400 when broken", async () => {
    const auth = { Authorization: lrs().auth.all, "X-Experience-API-Version": "1.0.3" };
    const content = JSON.stringify(statement());
    const cases: [string, Promise<Response>, string][] = [
      ["form version header before 1.0.0", lrs().alternate("statements", "PUT", { ...auth, "X-Experience-API-Version": "0.8", statementId: randomUUID(), content }), "version_unsupported"],
      ["another query parameter", lrs().alternate("statements", "PUT", { ...auth, content }, { query: `method=PUT&statementId=${randomUUID()}` }), "alternate_query"],
      ["not issued as a POST", lrs().alternate("statements", "POST", { ...auth, content }, { httpMethod: "PUT" }), "alternate_not_post"],
      ["not form-encoded", lrs().alternate("statements", "PUT", { ...auth, statementId: randomUUID(), content }, { contentType: "application/json" }), "alternate_content_type"],
      ["no content to PUT", lrs().alternate("statements", "PUT", { ...auth, statementId: randomUUID() }), "bad_json"],
      ["content on a GET", lrs().alternate("statements", "GET", { ...auth, content }), "alternate_content_not_allowed"],
      ["unknown method", lrs().alternate("statements", "PATCH", { ...auth, content }), "alternate_method"],
      ["a field twice", lrs().alternate("statements", "GET", { ...auth, limit: "1", LIMIT: "2" }), "repeated_parameter"],
      ["binary content", lrs().alternate("statements", "POST", { ...auth, content, "Content-Type": "multipart/mixed; boundary=x" }), "alternate_binary"],
      ["unknown field", lrs().alternate("statements", "GET", { ...auth, colour: "blue" }), "unknown_parameter"],
    ];
    for (const [name, answer, code] of cases) {
      const response = await answer;
      expect(response.status, name).toBe(400);
      expect((await json(response)).error, name).toBe(code);
    }
    // A form body without ?method is not a statement (Comm §3.2.s3.b6).
    const form = await lrs().call("statements", "POST", {}, { body: `content=${encodeURIComponent(content)}`, contentType: "application/x-www-form-urlencoded" });
    expect((await json(form)).error).toBe("form_without_method");
  });
});
