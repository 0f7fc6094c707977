import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../locales/en/mediation.json";
import fr from "../../locales/fr/mediation.json";
import { NATIONAL_LISTS } from "./vocabulary";

const standard = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../../shared/standards/mediation-activity-vocabulary.json"), "utf8"),
) as Record<string, string[]>;

describe("activity-report vocabulary", () => {
  it("uses exactly the national codes, in the national order", () => {
    const lists = Object.keys(standard).filter((k) => !k.startsWith("_"));
    expect(Object.keys(NATIONAL_LISTS).sort()).toEqual(lists.sort());
    for (const list of lists) expect(Object.keys(NATIONAL_LISTS[list as keyof typeof NATIONAL_LISTS]), list).toEqual(standard[list]);
  });

  it("has the French labels of vocabulary.ts in the French locale, and an English label for every code", () => {
    for (const [list, labels] of Object.entries(NATIONAL_LISTS)) {
      expect((fr.vocab as Record<string, Record<string, string>>)[list], list).toEqual(labels);
      expect(Object.keys((en.vocab as Record<string, Record<string, string>>)[list]!), list).toEqual(Object.keys(labels));
    }
  });
});
