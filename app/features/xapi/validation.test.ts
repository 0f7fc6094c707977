import { describe, expect, it } from "vitest";
import {
  h5pAnswered,
  h5pAttempted,
  h5pCompleted,
  h5pDragAndDropAnswered,
  h5pFillInAnswered,
} from "../../../tests/fixtures/h5p/statements";
import { validateStatement, type IssueKey } from "./validation";

const base = () => ({
  actor: { mbox: "mailto:ana@example.org" },
  verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
  object: { id: "https://passerelle.example/activites/1" },
});

function keys(statement: unknown) {
  return validateStatement(statement).map((i) => `${i.path}:${i.key}`);
}

function expectIssue(statement: unknown, path: string, key: IssueKey) {
  expect(keys(statement)).toContain(`${path}:${key}`);
}

describe("xAPI statement validation", () => {
  it("accepts statements exactly as H5P sends them", () => {
    for (const s of [h5pAnswered(), h5pFillInAnswered(), h5pDragAndDropAnswered(), h5pCompleted(), h5pAttempted()]) {
      expect(keys(s)).toEqual([]);
    }
  });

  it("accepts the smallest statement and a full one", () => {
    expect(keys(base())).toEqual([]);
    const full = {
      ...base(),
      id: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb",
      timestamp: "2026-11-30T10:15:00.123+01:00",
      stored: "2026-11-30T10:15:00Z",
      version: "1.0.3",
      authority: { objectType: "Agent", account: { homePage: "https://lrs.example", name: "client" } },
      context: {
        registration: "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
        instructor: { name: "Amina", mbox_sha1sum: "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" },
        team: { objectType: "Group", name: "Équipe", member: [{ openid: "https://id.example/u/1" }] },
        contextActivities: { grouping: { id: "https://passerelle.example/cours/1" } },
        revision: "2",
        platform: "Passerelle",
        language: "fr-FR",
        statement: { objectType: "StatementRef", id: "6690e6c9-3ef0-4ed3-8b37-7f3964730bee" },
        extensions: { "https://passerelle.example/ext/lieu": { commune: "Rieux" } },
      },
      attachments: [
        {
          usageType: "http://adlnet.gov/expapi/attachments/signature",
          display: { "fr-FR": "Signature" },
          contentType: "application/octet-stream",
          length: 10,
          sha2: "abc",
          fileUrl: "https://files.example/sig",
        },
      ],
    };
    expect(keys(full)).toEqual([]);
  });

  it("requires actor, verb and object", () => {
    expectIssue({ verb: base().verb, object: base().object }, "statement.actor", "required");
    expectIssue({ actor: base().actor, object: base().object }, "statement.verb", "required");
    expectIssue({ actor: base().actor, verb: base().verb }, "statement.object", "required");
  });

  it("refuses unknown keys and nulls, but allows null inside extension values", () => {
    expectIssue({ ...base(), colour: "blue" }, "statement.colour", "unknown_property");
    expectIssue({ ...base(), verb: { id: "http://x.example/v", label: "x" } }, "statement.verb.label", "unknown_property");
    expectIssue({ ...base(), result: null }, "statement.result", "null_value");
    expectIssue({ ...base(), actor: { mbox: "mailto:a@b.example", name: null } }, "statement.actor.name", "null_value");
    expect(keys({ ...base(), result: { extensions: { "https://x.example/e": null } } })).toEqual([]);
  });

  it("checks UUIDs, IRIs, mbox and sha1 formats", () => {
    expectIssue({ ...base(), id: "not-a-uuid" }, "statement.id", "uuid");
    expectIssue({ ...base(), verb: { id: "answered" } }, "statement.verb.id", "iri");
    expectIssue({ ...base(), object: { id: "has space:x y" } }, "statement.object.id", "iri");
    expectIssue({ ...base(), actor: { mbox: "ana@example.org" } }, "statement.actor.mbox", "mbox");
    expectIssue({ ...base(), actor: { mbox_sha1sum: "xyz" } }, "statement.actor.mbox_sha1sum", "sha1");
    expectIssue({ ...base(), actor: { account: { homePage: "example.org", name: "a" } } }, "statement.actor.account.homePage", "iri");
    expectIssue({ ...base(), context: { registration: "12" } }, "statement.context.registration", "uuid");
    expectIssue({ ...base(), result: { extensions: { notAnIri: 1 } } }, "statement.result.extensions.notAnIri", "iri");
  });

  it("needs exactly one identifier per Agent, members in anonymous groups, no nested groups", () => {
    expectIssue({ ...base(), actor: { name: "Ana" } }, "statement.actor", "ifi_count");
    expectIssue({ ...base(), actor: { mbox: "mailto:a@b.example", openid: "https://id.example/a" } }, "statement.actor", "ifi_count");
    expectIssue({ ...base(), actor: { objectType: "Group", name: "Vide" } }, "statement.actor.member", "anonymous_group_members");
    expectIssue(
      { ...base(), actor: { objectType: "Group", member: [{ objectType: "Group", member: [] }] } },
      "statement.actor.member[0]",
      "group_member",
    );
    expectIssue({ ...base(), object: { objectType: "Agent", name: "x" } }, "statement.object", "ifi_count");
  });

  it("keeps scores in range", () => {
    expectIssue({ ...base(), result: { score: { scaled: 1.5 } } }, "statement.result.score.scaled", "scaled_range");
    expectIssue({ ...base(), result: { score: { scaled: -1.01 } } }, "statement.result.score.scaled", "scaled_range");
    expectIssue({ ...base(), result: { score: { raw: 11, min: 0, max: 10 } } }, "statement.result.score.raw", "raw_range");
    expectIssue({ ...base(), result: { score: { raw: -1, min: 0 } } }, "statement.result.score.raw", "raw_range");
    expectIssue({ ...base(), result: { score: { min: 5, max: 5 } } }, "statement.result.score.min", "min_max");
    expect(keys({ ...base(), result: { score: { scaled: -1, raw: 0, min: 0, max: 10 } } })).toEqual([]);
    expectIssue({ ...base(), result: { score: { scaled: "1" } } }, "statement.result.score.scaled", "not_number");
  });

  it("checks timestamps, durations, language tags and versions", () => {
    expectIssue({ ...base(), timestamp: "30/11/2026" }, "statement.timestamp", "timestamp");
    expectIssue({ ...base(), timestamp: "2026-11-30T10:00:00-00:00" }, "statement.timestamp", "timestamp");
    expect(keys({ ...base(), timestamp: "2026-11-30T10:00:00Z" })).toEqual([]);
    expectIssue({ ...base(), result: { duration: "4 seconds" } }, "statement.result.duration", "duration");
    expectIssue({ ...base(), result: { duration: "PT" } }, "statement.result.duration", "duration");
    expect(keys({ ...base(), result: { duration: "P1DT2H3M4.5S" } })).toEqual([]);
    expectIssue({ ...base(), verb: { id: "http://x.example/v", display: { "en US": "x" } } }, "statement.verb.display.en US", "language_tag");
    expectIssue({ ...base(), version: "2.0.0" }, "statement.version", "version");
  });

  it("checks interaction types and their components", () => {
    const definition = (d: object) => ({ ...base(), object: { id: "https://x.example/q", definition: d } });
    expectIssue(definition({ interactionType: "essay" }), "statement.object.definition.interactionType", "interaction_type");
    expectIssue(
      definition({ interactionType: "true-false", choices: [{ id: "a" }] }),
      "statement.object.definition.choices",
      "interaction_components",
    );
    expectIssue(
      definition({ interactionType: "choice", choices: [{ id: "a" }, { id: "a" }] }),
      "statement.object.definition.choices[1].id",
      "interaction_components",
    );
    expectIssue(definition({ correctResponsesPattern: ["a"] }), "statement.object.definition.interactionType", "required");
  });

  it("keeps revision and platform for activities, and sub-statements flat", () => {
    expectIssue(
      { ...base(), object: { objectType: "Agent", mbox: "mailto:b@c.example" }, context: { platform: "x" } },
      "statement.context.platform",
      "context_activity_only",
    );
    const sub = { objectType: "SubStatement", ...base() };
    expect(keys({ ...base(), object: sub })).toEqual([]);
    expectIssue({ ...base(), object: { ...sub, object: sub } }, "statement.object.object.objectType", "substatement_nested");
    expectIssue({ ...base(), object: { ...sub, id: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb" } }, "statement.object.id", "substatement_property");
  });

  it("requires a voiding statement to target a StatementRef", () => {
    const voiding = { ...base(), verb: { id: "http://adlnet.gov/expapi/verbs/voided" } };
    expectIssue(voiding, "statement.object", "voiding_object");
    expect(keys({ ...voiding, object: { objectType: "StatementRef", id: "9e13cefd-53d3-4eac-b5ed-2cf6693903bb" } })).toEqual([]);
  });

  it("refuses what is not an object", () => {
    expectIssue([], "statement", "not_object");
    expectIssue(null, "statement", "null_value");
    expectIssue({ ...base(), object: { objectType: "Thing", id: "https://x.example" } }, "statement.object.objectType", "object_type");
  });
});
