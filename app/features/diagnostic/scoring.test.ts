import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../locales/en/diagnostic.json";
import fr from "../../locales/fr/diagnostic.json";
import { PIX_DOMAINS, QUESTIONS } from "./questions";
import { levelOf, scoreDiagnostic } from "./scoring";

const frameworks = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../../shared/standards/competence-frameworks.json"), "utf8"),
) as { pix: { domain: string; competences: [string, string][] }[] };
const PIX_CODES = new Set(frameworks.pix.flatMap((d) => d.competences.map(([code]) => code)));

/** Every question answered with its option at `index` (clamped), goal chosen apart. */
function answersAt(index: number, goal = "everyday") {
  return Object.fromEntries(
    QUESTIONS.map((q) => [q.id, q.kind === "goal" ? goal : q.options[Math.min(index, q.options.length - 1)]!.id]),
  );
}
const best = (goal = "everyday") =>
  Object.fromEntries(
    QUESTIONS.map((q) => [q.id, q.kind === "goal" ? goal : [...q.options].sort((a, b) => b.score - a.score)[0]!.id]),
  );
const worst = (goal = "everyday") =>
  Object.fromEntries(QUESTIONS.map((q) => [q.id, q.kind === "goal" ? goal : q.options.find((o) => o.score === 0)!.id]));

describe("placement diagnostic questions", () => {
  it("has at most 12 questions, each competence one of PIX's", () => {
    expect(QUESTIONS.length).toBeLessThanOrEqual(12);
    for (const q of QUESTIONS) {
      if (q.kind !== "goal") expect(q.competences.length, q.id).toBeGreaterThan(0);
      for (const c of q.competences) expect(PIX_CODES.has(c), `${q.id} → ${c}`).toBe(true);
    }
    for (const d of PIX_DOMAINS) for (const c of d.competences) expect(PIX_CODES.has(c)).toBe(true);
  });

  it("has a label for every question and option in both languages", () => {
    for (const bundle of [fr, en]) {
      const questions = bundle.questions as Record<string, { label: string; options?: Record<string, string> }>;
      const scale = bundle.scale as Record<string, string>;
      for (const q of QUESTIONS) {
        expect(questions[q.id]?.label, q.id).toBeTruthy();
        for (const o of q.options) {
          const label = q.kind === "self" ? scale[o.id] : questions[q.id]!.options?.[o.id];
          expect(label, `${q.id}.${o.id}`).toBeTruthy();
        }
      }
    }
  });

  it("has exactly one right answer per practical check", () => {
    for (const q of QUESTIONS.filter((q) => q.kind === "check")) {
      expect(q.options.filter((o) => o.score === 1), q.id).toHaveLength(1);
    }
  });
});

describe("diagnostic scoring", () => {
  it("gives the same result for the same answers", () => {
    const answers = answersAt(1, "job");
    expect(scoreDiagnostic(answers)).toEqual(scoreDiagnostic({ ...answers }));
    expect(JSON.stringify(scoreDiagnostic(answers))).toBe(JSON.stringify(scoreDiagnostic(answers)));
  });

  it("scores all-best answers at ease everywhere and all-worst to discover", () => {
    const top = scoreDiagnostic(best());
    for (const { score, level } of Object.values(top.domainLevels)) expect({ score, level }).toEqual({ score: 1, level: 3 });
    const bottom = scoreDiagnostic(worst());
    for (const { score, level } of Object.values(bottom.domainLevels)) expect({ score, level }).toEqual({ score: 0, level: 0 });
    expect(Object.keys(top.domainLevels)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("averages the questions of a competence, then the competences of a domain", () => {
    const answers = { ...worst(), email_address: "b", email_attachment: "with_help" };
    const result = scoreDiagnostic(answers);
    // 2.1 = mean(1, 0.5); 2.2 = mean(email_attachment 0.5, share 0); 2.3 = 0; 2.4 = 0.
    expect(result.competenceScores["2.1"]).toBe(0.75);
    expect(result.competenceScores["2.2"]).toBe(0.25);
    expect(result.domainLevels["2"]).toEqual({ score: 0.25, level: 1 });
  });

  it("recommends the path of the chosen goal", () => {
    expect(scoreDiagnostic(best("everyday")).recommendedPathSlug).toBe("autonome-avec-le-numerique");
    expect(scoreDiagnostic(best("create")).recommendedPathSlug).toBe("creer-et-coder");
    expect(scoreDiagnostic(best("job")).recommendedPathSlug).toBe("trouver-un-emploi-avec-le-numerique");
    expect(scoreDiagnostic(best("business")).recommendedPathSlug).toBe("developper-son-activite-en-ligne");
  });

  it("sends someone without the basics to the everyday path first, and says why", () => {
    const result = scoreDiagnostic(worst("job"));
    expect(result.recommendedPathSlug).toBe("autonome-avec-le-numerique");
    expect(result.recommendationReason).toBe("basics_first");
    expect(scoreDiagnostic(worst("everyday")).recommendationReason).toBe("goal");
  });

  it("refuses an incomplete or unknown answer", () => {
    const { device: _device, ...missing } = best();
    expect(() => scoreDiagnostic(missing)).toThrow(/device/);
    expect(() => scoreDiagnostic({ ...best(), device: "sometimes" })).toThrow(/device/);
  });

  it("maps scores to levels at fixed thresholds", () => {
    expect([0, 0.24, 0.25, 0.49, 0.5, 0.74, 0.75, 1].map(levelOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
