import type { PathAudience } from "../paths/model";
import { PATH_FOR_AUDIENCE, PIX_DOMAINS, QUESTIONS, type Question } from "./questions";

export type Answers = Readonly<Record<string, string>>;

/** 0 "to discover", 1 "beginner", 2 "getting there", 3 "at ease". */
export type DomainLevel = 0 | 1 | 2 | 3;

export interface DiagnosticScore {
  goal: PathAudience;
  /** PIX competence → 0..1, only for competences a question assessed. */
  competenceScores: Record<string, number>;
  /** PIX domain → score 0..1 and level; only domains a question assessed. */
  domainLevels: Record<string, { score: number; level: DomainLevel }>;
  recommendedPathSlug: string;
  /** "goal": the path of the chosen goal; "basics_first": the everyday path, the basics being missing. */
  recommendationReason: "goal" | "basics_first";
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function levelOf(score: number): DomainLevel {
  if (score >= 0.75) return 3;
  if (score >= 0.5) return 2;
  if (score >= 0.25) return 1;
  return 0;
}

function optionOf(question: Question, answers: Answers) {
  const option = question.options.find((o) => o.id === answers[question.id]);
  if (!option) throw new Error(`diagnostic: no valid answer for "${question.id}"`);
  return option;
}

/** The basics the other paths assume: e-mail and handling a device. */
const BASICS = ["2.1", "5.2"];

/**
 * Scores a complete set of answers. Pure and deterministic: the same answers
 * always give the same result (no clock, no randomness, fixed rounding).
 * The caller validates the answers first (schemas.ts); an unknown answer throws.
 */
export function scoreDiagnostic(answers: Answers, questions: readonly Question[] = QUESTIONS): DiagnosticScore {
  let goal: PathAudience | undefined;
  const sums = new Map<string, { total: number; count: number }>();
  for (const question of questions) {
    const option = optionOf(question, answers);
    if (question.kind === "goal") {
      goal = option.audience;
      continue;
    }
    for (const competence of question.competences) {
      const acc = sums.get(competence) ?? { total: 0, count: 0 };
      acc.total += option.score;
      acc.count += 1;
      sums.set(competence, acc);
    }
  }
  if (!goal) throw new Error("diagnostic: the goal question is missing");

  const competenceScores: Record<string, number> = {};
  for (const [competence, { total, count }] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
    competenceScores[competence] = round2(total / count);
  }

  const domainLevels: DiagnosticScore["domainLevels"] = {};
  for (const domain of PIX_DOMAINS) {
    const scores = domain.competences.map((c) => competenceScores[c]).filter((s): s is number => s !== undefined);
    if (!scores.length) continue;
    const score = round2(scores.reduce((a, b) => a + b, 0) / scores.length);
    domainLevels[domain.id] = { score, level: levelOf(score) };
  }

  const basics = BASICS.map((c) => competenceScores[c] ?? 0);
  const basicsMissing = basics.reduce((a, b) => a + b, 0) / basics.length < 0.25;
  const basicsFirst = goal !== "seniors" && basicsMissing;
  return {
    goal,
    competenceScores,
    domainLevels,
    recommendedPathSlug: PATH_FOR_AUDIENCE[basicsFirst ? "seniors" : goal],
    recommendationReason: basicsFirst ? "basics_first" : "goal",
  };
}
