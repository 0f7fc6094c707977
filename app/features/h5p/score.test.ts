import { describe, expect, it } from "vitest";
import { validateStatement } from "../xapi/validation";
import { withScoreInBounds } from "./score";

const MARK = "https://passerelle.example/xapi/extensions/score-adjusted";
const statement = (score: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  actor: { objectType: "Agent", account: { homePage: "https://passerelle.example", name: "u1" } },
  verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
  object: { id: "https://passerelle.example/activites/1" },
  result: { score, completion: true, ...extra },
});

describe("scores brought within xAPI's bounds", () => {
  it("clamps SingleChoiceSet's double-counted raw score to max, recomputes scaled and keeps the original", () => {
    const sent = statement({ min: 0, max: 3, raw: 4, scaled: 1.3333 }, { extensions: { "http://h5p.org/x-api/h5p-subContentId": "x" } });
    expect(validateStatement(sent).length).toBeGreaterThan(0);
    const { statement: fixed, adjusted } = withScoreInBounds(sent, MARK);
    expect(adjusted).toBe(true);
    expect(fixed.result).toEqual({
      score: { min: 0, max: 3, raw: 3, scaled: 1 },
      completion: true,
      extensions: { "http://h5p.org/x-api/h5p-subContentId": "x", [MARK]: { min: 0, max: 3, raw: 4, scaled: 1.3333 } },
    });
    expect(validateStatement(fixed)).toEqual([]);
    expect(sent.result.score.raw).toBe(4);
  });

  it("uses min when there is one, and raises a raw score below it", () => {
    const { statement: fixed } = withScoreInBounds(statement({ min: 2, max: 6, raw: 1, scaled: -0.25 }), MARK);
    expect((fixed.result as { score: unknown }).score).toEqual({ min: 2, max: 6, raw: 2, scaled: 0 });
  });

  it("clamps a scaled score alone when there is nothing to compute it from", () => {
    const { statement: fixed, adjusted } = withScoreInBounds(statement({ scaled: 1.5 }), MARK);
    expect(adjusted).toBe(true);
    expect((fixed.result as { score: unknown }).score).toEqual({ scaled: 1 });
    expect(validateStatement(fixed)).toEqual([]);
  });

  it("leaves valid scores, and scores it cannot read, untouched", () => {
    for (const score of [{ min: 0, max: 3, raw: 3, scaled: 1 }, { raw: 12 }, { min: 3, max: 3, raw: 4 }, { raw: "4", max: 3 }]) {
      const sent = statement(score);
      const { statement: same, adjusted } = withScoreInBounds(sent, MARK);
      expect(adjusted, JSON.stringify(score)).toBe(false);
      expect(same).toBe(sent);
    }
    expect(withScoreInBounds({ verb: {} }, MARK).adjusted).toBe(false);
  });
});
