import { AXES, BUSINESS_QUESTIONS, MAX_POINTS, type Axis, type BusinessQuestion } from "./questionnaire";

export type BusinessAnswers = Readonly<Record<string, string>>;

/** "to_build" under 40, "to_strengthen" under 75, "good" from 75 (out of 100). */
export type AxisRating = "to_build" | "to_strengthen" | "good" | "not_relevant";

export interface BusinessScore {
  /** Axis → 0..100, or null when no question of the axis applies. */
  axisScores: Record<Axis, number | null>;
  /** Mean of the axes that apply, 0..100. */
  overall: number;
  /**
   * What to do: weakest axis first; within an axis, what is missing entirely
   * first, then questionnaire order. Advice an answer contradicts is left out
   * (ADVICE_CONTRADICTIONS); the score still counts the answer.
   */
  recommendations: { axis: Axis; questionId: string; urgent: boolean }[];
}

export function ratingOf(score: number | null): AxisRating {
  if (score === null) return "not_relevant";
  if (score >= 75) return "good";
  if (score >= 40) return "to_strengthen";
  return "to_build";
}

/**
 * When a piece of advice makes sense. Advice follows a weak answer, but some
 * advice speaks of something the person may not have: « mettez à jour votre
 * site » to someone without a site, « répondez aux avis » to someone who gets
 * none. Each rule names the answers that rule it out; the unit tests try
 * every one of them.
 */
export const ADVICE_CONTRADICTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // About one's own site: not for someone without one (either answer says so);
  // a page on a platform is already made for phones.
  mobile_friendly: { website: ["none", "page_only"], mobile_friendly: ["no_site"] },
  website_updated: { website: ["none"], website_updated: ["no_site"] },
  // Replying to reviews needs reviews one knows about.
  reviews_replied: { reviews_received: ["none", "dont_know"] },
};

/** True when no answer rules the advice of `questionId` out. */
export function adviceApplies(questionId: string, answers: BusinessAnswers) {
  const contradictions = ADVICE_CONTRADICTIONS[questionId] ?? {};
  return Object.entries(contradictions).every(([question, ruledOut]) => !ruledOut.includes(answers[question] ?? ""));
}

function pointsOf(question: BusinessQuestion, answers: BusinessAnswers) {
  const option = question.options.find((opt) => opt.id === answers[question.id]);
  if (!option) throw new Error(`business diagnostic: no valid answer for "${question.id}"`);
  return option.points;
}

/**
 * Pure and deterministic: the same answers give the same scores and the same
 * recommendations, in the same order. Integer arithmetic until one final
 * rounding, so no floating-point drift between runs or machines.
 */
export function scoreBusinessDiagnostic(
  answers: BusinessAnswers,
  questions: readonly BusinessQuestion[] = BUSINESS_QUESTIONS,
): BusinessScore {
  const totals = new Map<Axis, { points: number; max: number }>(AXES.map((a) => [a, { points: 0, max: 0 }]));
  const gaps: { axis: Axis; questionId: string; points: number; order: number }[] = [];
  questions.forEach((question, order) => {
    const points = pointsOf(question, answers);
    if (points === null) return;
    const total = totals.get(question.axis)!;
    total.points += points;
    total.max += MAX_POINTS;
    if (points < MAX_POINTS && adviceApplies(question.id, answers)) gaps.push({ axis: question.axis, questionId: question.id, points, order });
  });

  const axisScores = {} as Record<Axis, number | null>;
  for (const axis of AXES) {
    const { points, max } = totals.get(axis)!;
    axisScores[axis] = max === 0 ? null : Math.round((100 * points) / max);
  }
  const applicable = AXES.map((a) => axisScores[a]).filter((s): s is number => s !== null);
  const overall = applicable.length ? Math.round(applicable.reduce((a, b) => a + b, 0) / applicable.length) : 0;

  const axisRank = (axis: Axis) => [axisScores[axis] ?? 101, AXES.indexOf(axis)] as const;
  gaps.sort((a, b) => {
    const [sa, ia] = axisRank(a.axis);
    const [sb, ib] = axisRank(b.axis);
    return sa - sb || ia - ib || a.points - b.points || a.order - b.order;
  });
  return {
    axisScores,
    overall,
    recommendations: gaps.map((g) => ({ axis: g.axis, questionId: g.questionId, urgent: g.points === 0 })),
  };
}
