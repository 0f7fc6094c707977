import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { TextArray } from "./places";

export type PathAudience = "seniors" | "youth" | "job_seekers" | "business_owners" | "everyone";
export type StepKind = "course" | "workshop_theme" | "classroom";
// Written as objects: a JSON string would be stored as a jsonb string, not an object.
type Json<T> = ColumnType<T, T, T>;

export interface LearningPathTable {
  id: Generated<string>;
  slug: string;
  title: string;
  audience: PathAudience;
  goal: string;
  summary: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  status: ColumnType<"draft" | "published", "draft" | "published" | undefined, "draft" | "published">;
  content_hash: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PathStepTable {
  id: Generated<string>;
  path_id: string;
  key: string;
  position: number;
  kind: StepKind;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  /** kind = course: the course's slug (no foreign key, see the migration). */
  course_slug: string | null;
  /** kind = workshop_theme: a `thematique` code; any workshop of that theme counts. */
  workshop_theme: string | null;
  optional: ColumnType<boolean, boolean | undefined, boolean>;
  /** Keys of the steps of the same path that must be done (or skipped) first. */
  requires: TextArray;
  /** PIX competences the step teaches: mastered at the diagnostic → the step may be skipped. */
  competences: TextArray;
}

export interface DiagnosticResultTable {
  id: Generated<string>;
  user_id: string | null;
  /** SHA-256 of the anonymous visitor's cookie token; cleared once claimed. */
  token_hash: string | null;
  /** The mediator who ran it with the learner, when not the learner alone. */
  run_by: string | null;
  version: number;
  goal: PathAudience;
  answers: Json<Record<string, string>>;
  /** PIX competence → 0..1. */
  competence_scores: Json<Record<string, number>>;
  /** PIX domain → { score 0..1, level 0..3 }. */
  domain_levels: Json<Record<string, { score: number; level: number }>>;
  recommended_path_slug: string | null;
  created_at: Generated<Date>;
  claimed_at: Date | null;
}

export interface BusinessDiagnosticTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string | null;
  business_name: string | null;
  sector: string;
  commune: string | null;
  version: number;
  answers: Json<Record<string, string>>;
  /** axis → 0..100, null when no question of the axis applies. */
  axis_scores: Json<Record<string, number | null>>;
  overall_score: number;
  created_at: Generated<Date>;
}

export interface IssuerKeyTable {
  /** RFC 7638 thumbprint of the public key. */
  id: string;
  algorithm: "EdDSA";
  public_jwk: Json<Record<string, string>>;
  /** PEM, PKCS#8. Read docs/decisions on where this key lives and how to rotate it. */
  private_key_pkcs8: string;
  created_at: Generated<Date>;
  retired_at: Date | null;
}

export interface AchievementTable {
  id: Generated<string>;
  slug: string;
  kind: "path" | "course";
  path_id: string | null;
  course_slug: string | null;
  name: string;
  description: string;
  criteria: string;
  competences: TextArray;
  content_hash: string | null;
  /** Every scored lesson of the course(s) must reach this best score (0..1); null: no score needed. */
  pass_mark: number | null;
  /** Time spent in the lessons (opened → marked done), in minutes; null: none needed. */
  min_lesson_minutes: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BadgeTable {
  id: string;
  achievement_id: string;
  user_id: string;
  key_id: string;
  /** The credential as signed (the JWT payload), for display and the JSON download. */
  credential: Json<Record<string, unknown>>;
  credential_jwt: string;
  issued_at: Date;
  /** The learner allows the verify page to show their name (never for a minor). */
  show_name: ColumnType<boolean, boolean | undefined, boolean>;
  /** The family name the learner asked to print on the certificate (never for a minor). */
  certificate_family_name: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  /** The badge's bit in the published revocation list (`/badges/emetteur/statuts/<list>`); null for badges issued before lists existed. */
  status_list: number | null;
  status_list_index: number | null;
}

/** A learner follows a path from chosen_at until left_at (a new row when they choose it again). */
export interface PathChoiceTable {
  id: Generated<string>;
  user_id: string;
  path_id: string;
  chosen_at: Generated<Date>;
  left_at: Date | null;
}

export interface PathsTables {
  learning_path: LearningPathTable;
  path_step: PathStepTable;
  diagnostic_result: DiagnosticResultTable;
  business_diagnostic: BusinessDiagnosticTable;
  issuer_key: IssuerKeyTable;
  achievement: AchievementTable;
  badge: BadgeTable;
  path_choice: PathChoiceTable;
}

export type LearningPath = Selectable<LearningPathTable>;
export type PathStep = Selectable<PathStepTable>;
export type NewPathStep = Insertable<PathStepTable>;
export type DiagnosticResult = Selectable<DiagnosticResultTable>;
export type BusinessDiagnostic = Selectable<BusinessDiagnosticTable>;
export type IssuerKey = Selectable<IssuerKeyTable>;
export type Achievement = Selectable<AchievementTable>;
export type Badge = Selectable<BadgeTable>;
export type PathChoice = Selectable<PathChoiceTable>;
