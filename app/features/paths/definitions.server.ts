import type { LearningPath, PathStep } from "../../../db/schema/paths";
import type { DbOrTrx } from "../../lib/db.server";
import { stepLinkedPath, type PathAudience, type PathDefinition, type StepDefinition } from "./model";
import * as q from "./queries.server";

export interface StoredPath {
  id: string;
  slug: string;
  title: string;
  audience: PathAudience;
  goal: string;
  summary: string;
  definition: PathDefinition;
}

type StepRow = Pick<PathStep, "key" | "kind" | "title" | "description" | "course_slug" | "workshop_theme" | "optional" | "requires" | "competences">;

function toStep(row: StepRow): StepDefinition {
  return {
    key: row.key,
    kind: row.kind,
    title: row.title,
    description: row.description,
    courseSlug: row.course_slug,
    workshopTheme: row.workshop_theme,
    optional: row.optional,
    requires: row.requires,
    competences: row.competences,
  };
}

export function toStored(path: Pick<LearningPath, "id" | "slug" | "title" | "audience" | "goal" | "summary">, steps: StepRow[]): StoredPath {
  const audience = path.audience as PathAudience;
  return {
    id: path.id,
    slug: path.slug,
    title: path.title,
    audience,
    goal: path.goal,
    summary: path.summary,
    definition: { slug: path.slug, title: path.title, audience, goal: path.goal, steps: steps.map(toStep) },
  };
}

/** Every published path with its steps, in display order (two queries). */
export async function loadPublishedPaths(db: DbOrTrx): Promise<StoredPath[]> {
  const paths = await q.listPublishedPaths(db);
  const steps = await q.listStepsOfPaths(db, paths.map((p) => p.id));
  return paths.map((p) => toStored(p, steps.filter((s) => s.path_id === p.id)));
}

export async function loadPublishedPath(db: DbOrTrx, slug: string): Promise<StoredPath | null> {
  const path = await q.findPathBySlug(db, slug);
  if (!path || path.status !== "published") return null;
  return toStored(path, await q.listStepsOfPaths(db, [path.id]));
}

/** Slugs of the published courses the paths point to: a step on a missing course is "not available yet". */
export async function availableCourses(db: DbOrTrx, paths: StoredPath[]) {
  const slugs = [...new Set(paths.flatMap((p) => p.definition.steps.flatMap((s) => (s.courseSlug ? [s.courseSlug] : []))))];
  return new Set(await q.listPublishedCourseSlugs(db, slugs));
}

/** Every virtual-class step of the published paths, with the address a class must link to for it to count. */
export async function listClassStepTargets(db: DbOrTrx) {
  const paths = await loadPublishedPaths(db);
  return paths.flatMap((p) =>
    p.definition.steps.filter((step) => step.kind === "classroom").map((step) => ({ value: stepLinkedPath(p.slug, step.key), path: p.title, step: step.title })),
  );
}
