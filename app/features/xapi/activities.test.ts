import { describe, expect, it } from "vitest";
import { activityHash, definitionsIn, definitionsOfBatch, mergeDefinition } from "./activities";

const ACTIVITY = "https://passerelle.example/activites/1";

describe("canonical Activity definitions", () => {
  it("finds the definitions of a statement's object, context activities and sub-statement, in order", () => {
    const definition = { name: { fr: "Quiz" } };
    expect(definitionsIn({ object: { id: ACTIVITY, definition } })).toEqual([{ id: ACTIVITY, definition }]);
    expect(definitionsIn({ object: { id: "x:y" }, context: { contextActivities: { parent: [{ id: ACTIVITY, definition }] } } })).toEqual([
      { id: ACTIVITY, definition },
    ]);
    expect(
      definitionsIn({
        object: { objectType: "SubStatement", object: { id: ACTIVITY, definition }, context: { contextActivities: { other: { id: "x:z", definition } } } },
      }),
    ).toEqual([{ id: ACTIVITY, definition }, { id: "x:z", definition }]);
    expect(definitionsIn({ object: { id: ACTIVITY } })).toEqual([]);
    expect(definitionsIn({ object: { objectType: "Agent", mbox: "mailto:a@b.example", definition } })).toEqual([]);
  });

  it("keeps every language and extension, and the latest of the rest", () => {
    const merged = mergeDefinition(
      { name: { "en-US": "Quiz", "fr-FR": "Ancien" }, type: "http://x.example/a", extensions: { "http://x.example/e1": 1 } },
      { name: { "fr-FR": "Questionnaire" }, description: { "fr-FR": "Dix questions" }, extensions: { "http://x.example/e2": 2 } },
    );
    expect(merged).toEqual({
      name: { "en-US": "Quiz", "fr-FR": "Questionnaire" },
      description: { "fr-FR": "Dix questions" },
      type: "http://x.example/a",
      extensions: { "http://x.example/e1": 1, "http://x.example/e2": 2 },
    });
    expect(mergeDefinition({ type: "http://x.example/a" }, { type: "http://x.example/b" }).type).toBe("http://x.example/b");
  });

  it("takes the latest interaction components, merging each one's descriptions, and drops them when the type changes", () => {
    const choice = {
      interactionType: "choice",
      correctResponsesPattern: ["a"],
      choices: [{ id: "a", description: { "en-US": "Yes" } }, { id: "b", description: { "en-US": "No" } }],
    };
    const later = mergeDefinition(choice, { interactionType: "choice", choices: [{ id: "a", description: { "fr-FR": "Oui" } }] });
    expect(later.choices).toEqual([{ id: "a", description: { "en-US": "Yes", "fr-FR": "Oui" } }]);
    expect(later.correctResponsesPattern).toEqual(["a"]);
    expect(mergeDefinition(choice, { interactionType: "fill-in" })).toEqual({ interactionType: "fill-in" });
  });

  it("merges a batch per Activity in statement order, and hashes ids as SHA-256", () => {
    const batch = definitionsOfBatch([
      { object: { id: ACTIVITY, definition: { name: { "en-US": "Quiz" } } } },
      { object: { id: ACTIVITY, definition: { name: { "fr-FR": "Quiz (fr)" } } } },
    ]);
    expect(batch.get(ACTIVITY)).toEqual({ name: { "en-US": "Quiz", "fr-FR": "Quiz (fr)" } });
    expect(activityHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
