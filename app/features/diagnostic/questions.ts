import type { PathAudience } from "../paths/model";

/**
 * The placement diagnostic: 12 short questions. The first asks what the
 * person comes for (it picks the path); the 11 others are self-assessments
 * ("I can… alone / with help / not yet") and small practical checks, each
 * mapped to PIX competences (../shared/standards/competence-frameworks.json).
 * Wording lives in the `diagnostic` namespace: `questions.<id>.label`,
 * `questions.<id>.options.<option>`. Changing a question's scoring means a
 * new VERSION (results keep the version they were scored with).
 */
export const DIAGNOSTIC_VERSION = 1;

export type QuestionKind = "goal" | "self" | "check";

export interface Question {
  id: string;
  kind: QuestionKind;
  /** PIX competence codes; empty only for the goal question. */
  competences: string[];
  /** Option id → score 0..1 (for the goal question: the audience it points to). */
  options: { id: string; score: number; audience?: PathAudience }[];
}

/** The self-assessment scale shared by every "self" question. */
const SELF_SCALE = [
  { id: "not_yet", score: 0 },
  { id: "with_help", score: 0.5 },
  { id: "alone", score: 1 },
];

const check = (correct: string, wrong: string[]) => [
  ...wrong.map((id) => ({ id, score: id === correct ? 1 : 0 })),
  { id: "dont_know", score: 0 },
];

export const QUESTIONS: readonly Question[] = [
  {
    id: "goal",
    kind: "goal",
    competences: [],
    options: [
      { id: "everyday", score: 0, audience: "seniors" },
      { id: "create", score: 0, audience: "youth" },
      { id: "job", score: 0, audience: "job_seekers" },
      { id: "business", score: 0, audience: "business_owners" },
    ],
  },
  { id: "device", kind: "self", competences: ["5.1", "5.2"], options: SELF_SCALE },
  { id: "email_address", kind: "check", competences: ["2.1"], options: check("b", ["a", "b", "c"]) },
  { id: "email_attachment", kind: "self", competences: ["2.1", "2.2"], options: SELF_SCALE },
  { id: "scam_sms", kind: "check", competences: ["4.1", "4.2"], options: check("c", ["a", "b", "c"]) },
  { id: "password", kind: "check", competences: ["4.1"], options: check("c", ["a", "b", "c"]) },
  { id: "search", kind: "self", competences: ["1.1"], options: SELF_SCALE },
  { id: "official_site", kind: "check", competences: ["1.1", "2.4"], options: check("a", ["a", "b"]) },
  { id: "document", kind: "self", competences: ["3.1"], options: SELF_SCALE },
  { id: "program", kind: "check", competences: ["3.4"], options: check("d", ["a", "b", "c", "d"]) },
  { id: "share", kind: "self", competences: ["2.2", "2.3"], options: SELF_SCALE },
  { id: "privacy", kind: "self", competences: ["4.2"], options: SELF_SCALE },
];

/** PIX domains, in the framework's order, with the competences the app uses. */
export const PIX_DOMAINS = [
  { id: "1", competences: ["1.1", "1.2", "1.3"] },
  { id: "2", competences: ["2.1", "2.2", "2.3", "2.4"] },
  { id: "3", competences: ["3.1", "3.2", "3.3", "3.4"] },
  { id: "4", competences: ["4.1", "4.2", "4.3"] },
  { id: "5", competences: ["5.1", "5.2"] },
] as const;

/** The path each audience is pointed to (slugs of content/paths). */
export const PATH_FOR_AUDIENCE: Record<PathAudience, string> = {
  seniors: "autonome-avec-le-numerique",
  youth: "creer-et-coder",
  job_seekers: "trouver-un-emploi-avec-le-numerique",
  business_owners: "developper-son-activite-en-ligne",
};
