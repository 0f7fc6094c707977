import { describe, expect, it } from "vitest";
import {
  ACTIVITY_PROFILE,
  AGENT_PROFILE,
  contextHash,
  etagOf,
  keyHash,
  mergeJsonDocuments,
  parseAgentParameter,
  parseDocumentRequest,
  personObject,
  preconditionsHold,
  STATE,
  type DocumentMethod,
} from "./documents";
import { LrsError } from "./errors";

const ACTIVITY = "https://passerelle.example/activites/1";
const AGENT = JSON.stringify({ mbox: "mailto:Ana@Example.org" });

function parse(rules = STATE, method: DocumentMethod = "GET", query: Record<string, string> = {}) {
  return parseDocumentRequest(rules, method, new URLSearchParams(query));
}

function errorOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof LrsError) return { status: error.status, code: error.code, ...error.values };
    throw error;
  }
  throw new Error("expected an LrsError");
}

describe("document requests", () => {
  it("reads a State request: activity, agent key, registration in lower case, id", () => {
    const request = parse(STATE, "PUT", { activityId: ACTIVITY, agent: AGENT, registration: "AAAAAAAA-0000-4000-8000-000000000000", stateId: "s" });
    expect(request).toEqual({
      context: { resource: "state", activityId: ACTIVITY, agentKey: "mbox:mailto:Ana@example.org", registration: "aaaaaaaa-0000-4000-8000-000000000000" },
      documentId: "s",
      since: null,
    });
  });

  it("lists ids with since only when no id is given, on GET", () => {
    const list = parse(STATE, "GET", { activityId: ACTIVITY, agent: AGENT, since: "2026-12-01T10:00:00+01:00" });
    expect(list.documentId).toBeNull();
    expect(list.since).toBe("2026-12-01T09:00:00.000Z");
    expect(errorOf(() => parse(STATE, "GET", { activityId: ACTIVITY, agent: AGENT, stateId: "s", since: "2026-12-01T10:00:00Z" }))).toMatchObject({ code: "unknown_parameter", name: "since" });
    expect(errorOf(() => parse(STATE, "DELETE", { activityId: ACTIVITY, agent: AGENT, since: "2026-12-01T10:00:00Z" }))).toMatchObject({ code: "unknown_parameter" });
  });

  it("deletes a whole context only on State; profiles need their id", () => {
    expect(parse(STATE, "DELETE", { activityId: ACTIVITY, agent: AGENT }).documentId).toBeNull();
    expect(errorOf(() => parse(AGENT_PROFILE, "DELETE", { agent: AGENT }))).toMatchObject({ code: "parameter_required", name: "profileId" });
    expect(errorOf(() => parse(STATE, "PUT", { activityId: ACTIVITY, agent: AGENT }))).toMatchObject({ code: "parameter_required", name: "stateId" });
  });

  it("refuses missing, bad, unknown and repeated parameters", () => {
    expect(errorOf(() => parse(STATE, "GET", { agent: AGENT }))).toMatchObject({ status: 400, code: "parameter_required", name: "activityId" });
    expect(errorOf(() => parse(STATE, "GET", { activityId: ACTIVITY }))).toMatchObject({ code: "parameter_required", name: "agent" });
    expect(errorOf(() => parse(STATE, "GET", { activityId: "not an iri", agent: AGENT }))).toMatchObject({ code: "bad_parameter", name: "activityId" });
    expect(errorOf(() => parse(STATE, "GET", { activityId: ACTIVITY, agent: AGENT, registration: "12" }))).toMatchObject({ name: "registration" });
    expect(errorOf(() => parse(AGENT_PROFILE, "GET", { agent: AGENT, registration: "aaaaaaaa-0000-4000-8000-000000000000" }))).toMatchObject({ code: "unknown_parameter" });
    expect(errorOf(() => parse(ACTIVITY_PROFILE, "GET", { activityId: ACTIVITY, agent: AGENT }))).toMatchObject({ code: "unknown_parameter", name: "agent" });
    expect(errorOf(() => parseDocumentRequest(STATE, "GET", new URLSearchParams(`activityId=${ACTIVITY}&activityId=${ACTIVITY}&agent=${AGENT}`)))).toMatchObject({ code: "repeated_parameter" });
    expect(errorOf(() => parse(STATE, "PUT", { activityId: ACTIVITY, agent: AGENT, stateId: "" }))).toMatchObject({ code: "bad_parameter", name: "stateId" });
  });

  it("takes an Agent with exactly one identifier, never a Group", () => {
    expect(parseAgentParameter('{"account":{"homePage":"https://p.example","name":"42"}}').key).toBe("account:https://p.example 42");
    for (const bad of ["{", '"x"', "{}", '{"mbox":"ana@example.org"}', '{"objectType":"Group","mbox":"mailto:g@example.org"}', '{"mbox":"mailto:a@b.c","openid":"https://a"}']) {
      expect(errorOf(() => parseAgentParameter(bad)), bad).toMatchObject({ code: "bad_parameter", name: "agent" });
    }
  });
});

describe("document addressing and ETags", () => {
  it("separates resources, registrations and ids", () => {
    const base = parse(STATE, "GET", { activityId: ACTIVITY, agent: AGENT }).context;
    const registered = { ...base, registration: "aaaaaaaa-0000-4000-8000-000000000000" };
    expect(contextHash(base)).not.toBe(contextHash(registered));
    expect(keyHash(base, "a")).not.toBe(keyHash(base, "b"));
    expect(keyHash(base, "a")).not.toBe(keyHash({ ...base, resource: "activity_profile", agentKey: null }, "a"));
    // Same e-mail with another case in the domain: the same agent.
    const other = parse(STATE, "GET", { activityId: ACTIVITY, agent: JSON.stringify({ mbox: "mailto:Ana@EXAMPLE.org" }) }).context;
    expect(contextHash(other)).toBe(contextHash(base));
  });

  it("is the lower-case SHA-1 of the bytes", () => {
    expect(etagOf(Buffer.from("abc"))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });

  it("evaluates If-Match and If-None-Match", () => {
    const tag = "a9993e364706816aba3e25717850c26c9cd0d89d";
    const none = { ifMatch: null, ifNoneMatch: null };
    expect(preconditionsHold(none, tag)).toBe(true);
    expect(preconditionsHold({ ...none, ifMatch: `"${tag}"` }, tag)).toBe(true);
    expect(preconditionsHold({ ...none, ifMatch: `"${tag.toUpperCase()}"` }, tag)).toBe(true);
    expect(preconditionsHold({ ...none, ifMatch: `"other", "${tag}"` }, tag)).toBe(true);
    expect(preconditionsHold({ ...none, ifMatch: `W/"${tag}"` }, tag)).toBe(false);
    expect(preconditionsHold({ ...none, ifMatch: '"other"' }, tag)).toBe(false);
    expect(preconditionsHold({ ...none, ifMatch: "*" }, tag)).toBe(true);
    expect(preconditionsHold({ ...none, ifMatch: "*" }, null)).toBe(false);
    expect(preconditionsHold({ ...none, ifMatch: `"${tag}"` }, null)).toBe(false);
    expect(preconditionsHold({ ...none, ifNoneMatch: "*" }, null)).toBe(true);
    expect(preconditionsHold({ ...none, ifNoneMatch: "*" }, tag)).toBe(false);
    expect(preconditionsHold({ ...none, ifNoneMatch: `"${tag}"` }, tag)).toBe(false);
    expect(preconditionsHold({ ...none, ifNoneMatch: '"other"' }, tag)).toBe(true);
  });
});

describe("JSON merge, Person and Activity definitions", () => {
  it("merges top-level properties only", () => {
    const merged = mergeJsonDocuments(Buffer.from('{"x":"foo","y":"bar","o":{"a":1}}'), Buffer.from('{"x":"bash","z":"faz","o":{"b":2}}'));
    expect(JSON.parse(Buffer.from(merged!).toString())).toEqual({ x: "bash", y: "bar", z: "faz", o: { b: 2 } });
    expect(mergeJsonDocuments(Buffer.from("[1]"), Buffer.from("{}"))).toBeNull();
    expect(mergeJsonDocuments(Buffer.from("{}"), Buffer.from("not json"))).toBeNull();
  });

  it("builds a Person with arrays", () => {
    expect(personObject({ objectType: "Agent", name: "Ana", mbox: "mailto:ana@example.org" }, ["Ana", "Ana B."])).toEqual({
      objectType: "Person",
      name: ["Ana", "Ana B."],
      mbox: ["mailto:ana@example.org"],
    });
    expect(personObject({ openid: "https://id.example/ana" }, [])).toEqual({ objectType: "Person", openid: ["https://id.example/ana"] });
  });
});
