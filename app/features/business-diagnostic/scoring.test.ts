import { describe, expect, it } from "vitest";
import en from "../../locales/en/business.json";
import fr from "../../locales/fr/business.json";
import { AXES, BUSINESS_QUESTIONS, SECTORS } from "./questionnaire";
import { ADVICE_CONTRADICTIONS, ratingOf, scoreBusinessDiagnostic } from "./scoring";

const pick = (choose: (options: { id: string; points: number | null }[]) => string) =>
  Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, choose(q.options)]));
const best = () => pick((opts) => opts.find((o) => o.points === 2)!.id);
const worst = () => pick((opts) => opts.find((o) => o.points === 0)!.id);

/** A small seeded generator, so the "random" answers are the same on every run. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe("business questionnaire", () => {
  it("has a label for every question, option, recommendation, axis and sector in both languages", () => {
    for (const bundle of [fr, en]) {
      const questions = bundle.questions as Record<string, { label: string; options: Record<string, string> }>;
      const recommendations = bundle.recommendations as Record<string, string>;
      for (const q of BUSINESS_QUESTIONS) {
        expect(questions[q.id]?.label, q.id).toBeTruthy();
        for (const o of q.options) expect(questions[q.id]!.options[o.id], `${q.id}.${o.id}`).toBeTruthy();
        expect(recommendations[q.id], `recommendation ${q.id}`).toBeTruthy();
      }
      for (const axis of AXES) expect((bundle.axes as Record<string, string>)[axis], axis).toBeTruthy();
      for (const sector of SECTORS) expect((bundle.sectors as Record<string, string>)[sector], sector).toBeTruthy();
    }
  });
});

describe("business pre-diagnostic scoring", () => {
  it("gives the same score and recommendations for the same answers", () => {
    const random = seeded(42);
    for (let run = 0; run < 50; run++) {
      const answers = pick((opts) => opts[Math.floor(random() * opts.length)]!.id);
      const first = scoreBusinessDiagnostic(answers);
      expect(scoreBusinessDiagnostic({ ...answers })).toEqual(first);
      // Key order of the answers does not matter either.
      const reversed = Object.fromEntries(Object.entries(answers).reverse());
      expect(JSON.stringify(scoreBusinessDiagnostic(reversed))).toBe(JSON.stringify(first));
    }
  });

  it("scores 100 everywhere with the best answers and 0 with the worst", () => {
    const top = scoreBusinessDiagnostic(best());
    expect(Object.values(top.axisScores)).toEqual(AXES.map(() => 100));
    expect(top.overall).toBe(100);
    expect(top.recommendations).toEqual([]);
    const bottom = scoreBusinessDiagnostic(worst());
    expect(Object.values(bottom.axisScores)).toEqual(AXES.map(() => 0));
    expect(bottom.overall).toBe(0);
    // Every question has advice, except advice the worst answers contradict (no site, no reviews).
    expect(bottom.recommendations.map((r) => r.questionId).sort()).toEqual(
      BUSINESS_QUESTIONS.map((q) => q.id)
        .filter((id) => !["mobile_friendly", "website_updated", "reviews_replied"].includes(id))
        .sort(),
    );
    expect(bottom.recommendations.every((r) => r.urgent)).toBe(true);
  });

  it("computes a known example by hand", () => {
    const answers = {
      ...best(),
      maps_listing: "incomplete", // 1
      directories: "none", // 0
      consistent_info: "yes", // 2  → findability 3/6 = 50
      backups: "sometimes", // 1 → security 5/6 = 83
    };
    const score = scoreBusinessDiagnostic(answers);
    expect(score.axisScores.findability).toBe(50);
    expect(score.axisScores.security).toBe(83);
    // (50 + 100 + 100 + 100 + 100 + 83) / 6 = 88.83
    expect(score.overall).toBe(89);
    expect(score.recommendations).toEqual([
      { axis: "findability", questionId: "directories", urgent: true },
      { axis: "findability", questionId: "maps_listing", urgent: false },
      { axis: "security", questionId: "backups", urgent: false },
    ]);
  });

  it("leaves out what does not apply, and an axis where nothing applies", () => {
    const answers = { ...worst(), online_booking: "not_relevant", online_payment: "not_relevant" };
    const score = scoreBusinessDiagnostic(answers);
    expect(score.axisScores.online_sales).toBeNull();
    expect(score.recommendations.some((r) => r.axis === "online_sales")).toBe(false);
    const half = scoreBusinessDiagnostic({ ...best(), online_booking: "not_relevant", online_payment: "no" });
    expect(half.axisScores.online_sales).toBe(0);
  });

  it("refuses a missing or unknown answer", () => {
    const { website: _website, ...missing } = best();
    expect(() => scoreBusinessDiagnostic(missing)).toThrow(/website/);
    expect(() => scoreBusinessDiagnostic({ ...best(), website: "maybe" })).toThrow(/website/);
  });

  it("rates axes at fixed thresholds", () => {
    expect([null, 0, 39, 40, 74, 75, 100].map(ratingOf)).toEqual([
      "not_relevant",
      "to_build",
      "to_build",
      "to_strengthen",
      "to_strengthen",
      "good",
      "good",
    ]);
  });
});

describe("advice against the answers it depends on (acceptance 4)", () => {
  const adviceOf = (answers: Record<string, string>) => scoreBusinessDiagnostic(answers).recommendations.map((r) => r.questionId);
  const questionById = new Map(BUSINESS_QUESTIONS.map((q) => [q.id, q]));

  it("names only real questions and options in its rules", () => {
    for (const [advice, rules] of Object.entries(ADVICE_CONTRADICTIONS)) {
      expect(questionById.has(advice), advice).toBe(true);
      for (const [question, options] of Object.entries(rules)) {
        const known = questionById.get(question)?.options.map((o) => o.id) ?? [];
        for (const option of options) expect(known, `${advice}: ${question}=${option}`).toContain(option);
      }
    }
  });

  it("never gives a piece of advice with an answer that contradicts it, whatever the other answers", () => {
    const random = seeded(7);
    for (const [advice, rules] of Object.entries(ADVICE_CONTRADICTIONS)) {
      const weak = questionById.get(advice)!.options.filter((o) => o.points !== null && o.points < 2).map((o) => o.id);
      for (const [question, options] of Object.entries(rules)) {
        for (const contradiction of options) {
          // Every weak answer to the advice's own question, with the worst, the best and 20 random other answers.
          const backgrounds = [worst(), best(), ...Array.from({ length: 20 }, () => pick((opts) => opts[Math.floor(random() * opts.length)]!.id))];
          for (const background of backgrounds) {
            for (const own of weak) {
              const answers = { ...background, [advice]: own, [question]: contradiction };
              if (question === advice && own !== contradiction) continue;
              expect(adviceOf(answers), `${advice} with ${question}=${contradiction}`).not.toContain(advice);
            }
          }
        }
      }
    }
  });

  it("still gives that advice when nothing contradicts it", () => {
    const withSite = { ...worst(), website: "own_site", mobile_friendly: "no", website_updated: "over_2_years", reviews_received: "few", reviews_replied: "never" };
    expect(adviceOf(withSite)).toEqual(expect.arrayContaining(["mobile_friendly", "website_updated", "reviews_replied"]));
    expect(adviceOf({ ...withSite, website: "page_only" })).toEqual(expect.arrayContaining(["website_updated", "website"]));
  });

  it("gives no advice about a site to someone without one (the case seen in issue 14)", () => {
    const noSite = { ...worst(), website: "none", mobile_friendly: "no_site", website_updated: "no_site" };
    const advice = adviceOf(noSite);
    expect(advice).toContain("website");
    expect(advice).not.toContain("mobile_friendly");
    expect(advice).not.toContain("website_updated");
    // The score still counts the answers: the website axis is at 0.
    expect(scoreBusinessDiagnostic(noSite).axisScores.website).toBe(0);
  });
});
