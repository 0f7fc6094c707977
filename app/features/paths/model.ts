import { href } from "react-router";
/**
 * The shape of a learner path, shared by the importer, the progress engine and
 * the pages. A path is an ordered list of steps; a step is a course, a
 * workshop theme (any workshop of that theme counts) or a virtual class
 * (any class linked to the step counts).
 */
export type PathAudience = "seniors" | "youth" | "job_seekers" | "business_owners";
export const PATH_AUDIENCES: readonly PathAudience[] = ["seniors", "youth", "job_seekers", "business_owners"];

export type StepKind = "course" | "workshop_theme" | "classroom";

export interface StepDefinition {
  key: string;
  kind: StepKind;
  title: string;
  description: string;
  courseSlug: string | null;
  workshopTheme: string | null;
  optional: boolean;
  /** Keys of earlier steps of the same path. */
  requires: string[];
  /** PIX competences the step teaches. */
  competences: string[];
}

export interface PathDefinition {
  slug: string;
  title: string;
  audience: PathAudience;
  goal: string;
  steps: StepDefinition[];
}

/**
 * The same-site address a virtual class must carry (`linked_path`) to count
 * for a class step: the step's anchor on the path page.
 */
export function stepAnchor(stepKey: string) {
  return `etape-${stepKey}`;
}

export function stepLinkedPath(pathSlug: string, stepKey: string) {
  return `${href("/parcours/:slug", { slug: pathSlug })}#${stepAnchor(stepKey)}`;
}
