import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fr from "../../locales/fr/courses.json";
import { AUDIENCES, LEVELS, PIX_COMPETENCES, pixKey, THEMES } from "./vocabulary";

const standards = path.resolve(import.meta.dirname, "../../../../shared/standards");
const read = (file: string) => JSON.parse(readFileSync(path.join(standards, file), "utf8"));

describe("course vocabulary", () => {
  it("uses the national themes and the PIX competences, exactly", () => {
    expect([...THEMES]).toEqual(read("mediation-activity-vocabulary.json").thematique);
    const pix = read("competence-frameworks.json").pix as { competences: [string, string][] }[];
    expect([...PIX_COMPETENCES]).toEqual(pix.flatMap((d) => d.competences.map(([code]) => code)));
    // The French labels are the framework's own.
    for (const [code, label] of pix.flatMap((d) => d.competences)) {
      expect(pixKey(code).split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], fr)).toBe(label);
    }
  });

  it("has a French label for every code", () => {
    for (const code of THEMES) expect(fr.themes[code], code).toBeTruthy();
    for (const code of AUDIENCES) expect(fr.audiences[code], code).toBeTruthy();
    for (const code of LEVELS) expect(fr.levels[code], code).toBeTruthy();
  });
});
