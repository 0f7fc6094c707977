import { describe, expect, it } from "vitest";
import { h5pAnswered } from "../../../tests/fixtures/h5p/statements";
import { agentKey, canonicalFormat, comparisonHash, idsFormat, indexColumns, normaliseStatement } from "./canonical";
import { decodeCursor, encodeCursor, parseStatementRequest } from "./query-params";

describe("canonical forms", () => {
  it("keys agents by their identifier, e-mail domains case-folded", () => {
    expect(agentKey({ mbox: "mailto:Ana@Example.ORG" })).toBe("mbox:mailto:Ana@example.org");
    expect(agentKey({ mbox_sha1sum: "ABCDEF0123456789ABCDEF0123456789ABCDEF01" })).toBe("mbox_sha1sum:abcdef0123456789abcdef0123456789abcdef01");
    expect(agentKey({ account: { homePage: "https://p.example", name: "42" } })).toBe("account:https://p.example 42");
    expect(agentKey({ objectType: "Group", member: [] })).toBeNull();
  });

  it("wraps single context activities in arrays", () => {
    const s = normaliseStatement({ context: { contextActivities: { parent: { id: "https://x.example/a" } } } });
    expect(s.context).toEqual({ contextActivities: { parent: [{ id: "https://x.example/a" }] } });
  });

  it("derives the indexed columns, related activities and agents included", () => {
    const cols = indexColumns(normaliseStatement(h5pAnswered()));
    expect(cols.verb_id).toBe("http://adlnet.gov/expapi/verbs/answered");
    expect(cols.activity_id).toMatch(/\?subContentId=/);
    expect(cols.actor_key).toBe("mbox:mailto:josette@example.org");
    expect(cols.related_activity_ids).toContain("http://h5p.org/libraries/H5P.MultiChoice-1.16");
    expect(cols.related_activity_ids).toHaveLength(3);
    expect(cols.voids_statement_id).toBeNull();
  });

  it("ignores what the spec says is not part of a statement when comparing", () => {
    const a = h5pAnswered();
    const b = {
      ...h5pAnswered(),
      id: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb",
      stored: "2026-01-01T00:00:00Z",
      authority: { mbox: "mailto:lrs@x.example" },
      version: "1.0.3",
      verb: { id: "http://adlnet.gov/expapi/verbs/answered", display: { "fr-FR": "a répondu" } },
      actor: { name: "Josette", mbox: "mailto:josette@EXAMPLE.org", objectType: "Agent" },
    };
    (b.object as { definition: unknown }).definition = { name: { "fr-FR": "autre" } };
    expect(comparisonHash(b)).toBe(comparisonHash(a));
    // Order of object keys does not matter; single vs array context activities neither.
    const reordered = JSON.parse(JSON.stringify(a, Object.keys(a).reverse()));
    expect(comparisonHash({ ...reordered, ...a })).toBe(comparisonHash(a));
  });

  it("sees real differences", () => {
    const a = h5pAnswered();
    expect(comparisonHash({ ...a, result: { ...a.result, response: "1" } })).not.toBe(comparisonHash(a));
    expect(comparisonHash({ ...a, result: { ...a.result, duration: "PT4.380S" } })).not.toBe(comparisonHash(a));
    expect(comparisonHash({ ...a, actor: { ...a.actor, mbox: "mailto:JOSETTE@example.org" } })).not.toBe(comparisonHash(a));
  });

  it("reduces objects to identifiers for format=ids and picks one language for canonical", () => {
    const s = normaliseStatement(h5pAnswered());
    const ids = idsFormat(s);
    expect(ids.actor).toEqual({ objectType: "Agent", mbox: "mailto:josette@example.org" });
    expect(ids.verb).toEqual({ id: "http://adlnet.gov/expapi/verbs/answered" });
    expect(ids.object).toEqual({ id: (s.object as { id: string }).id });
    const multi = { ...s, verb: { id: "http://x.example/v", display: { "en-US": "answered", "fr-FR": "a répondu" } } };
    expect(canonicalFormat(multi, ["fr"]).verb).toEqual({ id: "http://x.example/v", display: { "fr-FR": "a répondu" } });
    expect(canonicalFormat(multi, ["de"]).verb).toEqual({ id: "http://x.example/v", display: { "en-US": "answered" } });
  });
});

describe("statement query parameters", () => {
  it("parses filters and caps the limit", () => {
    const parsed = parseStatementRequest(
      new URLSearchParams({ agent: JSON.stringify({ mbox: "mailto:a@B.example" }), verb: "http://x.example/v", limit: "9999", ascending: "true" }),
    );
    expect(parsed).toMatchObject({ kind: "query", query: { agentKey: "mbox:mailto:a@b.example", limit: 500, ascending: true } });
  });

  it("refuses unknown, malformed and conflicting parameters", () => {
    expect(() => parseStatementRequest(new URLSearchParams({ colour: "red" }))).toThrow("unknown_parameter");
    expect(() => parseStatementRequest(new URLSearchParams({ agent: "{bad" }))).toThrow("bad_parameter");
    expect(() => parseStatementRequest(new URLSearchParams({ agent: JSON.stringify({ name: "x" }) }))).toThrow("bad_parameter");
    expect(() => parseStatementRequest(new URLSearchParams({ since: "yesterday" }))).toThrow("bad_parameter");
    expect(() => parseStatementRequest(new URLSearchParams({ statementId: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb", verb: "http://x.example" }))).toThrow(
      "single_with_filters",
    );
    expect(() =>
      parseStatementRequest(
        new URLSearchParams({ statementId: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb", voidedStatementId: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb" }),
      ),
    ).toThrow("both_ids");
  });

  it("round-trips an opaque cursor and refuses a forged one", () => {
    const query = { relatedActivities: false, relatedAgents: false, ascending: false, format: "exact" as const, limit: 10 };
    const token = encodeCursor({ query, after: ["2026-11-30T10:00:00.000Z", "42"] });
    expect(decodeCursor(token)).toEqual({ query, after: ["2026-11-30T10:00:00.000Z", "42"] });
    expect(() => decodeCursor("not-base64-json")).toThrow("bad_more");
    const forged = Buffer.from(JSON.stringify({ query: { ...query, limit: 100000 }, after: ["x", "1"] })).toString("base64url");
    expect(() => decodeCursor(forged)).toThrow("bad_more");
    expect(() => parseStatementRequest(new URLSearchParams({ more: token, limit: "3" }))).toThrow("more_alone");
  });
});
