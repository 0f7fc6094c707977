import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PIX_COMPETENCES } from "./competences";

describe("PIX competences", () => {
  it("match the shared standards file, code and French label", () => {
    const file = path.resolve(import.meta.dirname, "../../../../shared/standards/competence-frameworks.json");
    const standards = JSON.parse(readFileSync(file, "utf8")) as { pix: { competences: [string, string][] }[] };
    const expected = standards.pix.flatMap((d) => d.competences.map(([code, label]) => ({ code, fr: label })));
    expect(PIX_COMPETENCES.map(({ code, fr }) => ({ code, fr }))).toEqual(expected);
  });
});
