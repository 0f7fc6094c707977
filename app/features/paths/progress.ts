import { stepLinkedPath, type PathDefinition, type StepDefinition } from "./model";

/**
 * The learner record as the progress engine sees it: what the learner did,
 * read from courses, workshops and virtual classes. Progress is computed from
 * this and nothing else; nobody ticks a step by hand.
 */
export interface LearnerRecord {
  /** Completed courses by slug, with the completion date. */
  completedCourses: ReadonlyMap<string, Date>;
  /** Courses the learner enrolled in and has not finished. */
  startedCourses: ReadonlySet<string>;
  /** Workshops the learner attended (checked in), with their themes. */
  workshops: readonly { themes: readonly string[]; attendedAt: Date }[];
  /** Virtual classes the learner was registered to; `attended` = present ≥ 75 % of the class. */
  classes: readonly { linkedPath: string | null; attended: boolean; heldAt: Date }[];
}

export const EMPTY_RECORD: LearnerRecord = {
  completedCourses: new Map(),
  startedCourses: new Set(),
  workshops: [],
  classes: [],
};

export type StepStatus = "done" | "skipped" | "in_progress" | "open" | "locked" | "unavailable";

export interface StepProgress {
  key: string;
  status: StepStatus;
  doneAt: Date | null;
  /** The prerequisites not cleared yet (only for locked steps). */
  lockedBy: { key: string; title: string }[];
  optional: boolean;
}

export interface PathProgress {
  steps: StepProgress[];
  requiredCount: number;
  requiredDone: number;
  /** Every required step is done: the path's badge is earned. Skipped steps do not count. */
  complete: boolean;
  /** Every required step is done or skipped: nothing left to do on this path for now. */
  settled: boolean;
  /** Something was done or started on this path. */
  started: boolean;
  /** The step to do next: the first open required step, else the first open optional one. */
  nextStepKey: string | null;
}

export interface ProgressOptions {
  /** Steps the diagnostic found mastered (see masteredStepKeys). */
  skipped?: ReadonlySet<string>;
  /** Published course slugs; a course step whose course is missing is unavailable. Absent: all available. */
  availableCourses?: ReadonlySet<string>;
}

/** When the record shows the step as done, and the date it was done. */
export function stepDoneAt(pathSlug: string, step: StepDefinition, record: LearnerRecord): Date | null {
  switch (step.kind) {
    case "course":
      return (step.courseSlug && record.completedCourses.get(step.courseSlug)) || null;
    case "workshop_theme": {
      const dates = record.workshops
        .filter((w) => step.workshopTheme && w.themes.includes(step.workshopTheme))
        .map((w) => w.attendedAt.getTime());
      return dates.length ? new Date(Math.min(...dates)) : null;
    }
    case "classroom": {
      const target = stepLinkedPath(pathSlug, step.key);
      const dates = record.classes
        .filter((c) => c.attended && normaliseLinkedPath(c.linkedPath) === target)
        .map((c) => c.heldAt.getTime());
      return dates.length ? new Date(Math.min(...dates)) : null;
    }
  }
}

function normaliseLinkedPath(value: string | null) {
  if (!value) return null;
  const [path, hash] = value.split("#", 2);
  const trimmed = path!.length > 1 ? path!.replace(/\/+$/, "") : path!;
  return hash === undefined ? trimmed : `${trimmed}#${hash}`;
}

export function computePathProgress(path: PathDefinition, record: LearnerRecord, options: ProgressOptions = {}): PathProgress {
  const skipped = options.skipped ?? new Set<string>();
  const byKey = new Map(path.steps.map((s) => [s.key, s]));
  const statusOf = new Map<string, StepStatus>();
  const steps: StepProgress[] = [];

  // Steps only require earlier steps (the importer checks it), so one pass in order suffices.
  for (const step of path.steps) {
    const doneAt = stepDoneAt(path.slug, step, record);
    let status: StepStatus;
    let lockedBy: StepProgress["lockedBy"] = [];
    if (doneAt) {
      status = "done";
    } else if (skipped.has(step.key)) {
      status = "skipped";
    } else {
      lockedBy = step.requires
        .filter((key) => {
          const s = statusOf.get(key);
          return s !== "done" && s !== "skipped";
        })
        .map((key) => ({ key, title: byKey.get(key)?.title ?? key }));
      if (lockedBy.length) status = "locked";
      else if (step.kind === "course" && options.availableCourses && !options.availableCourses.has(step.courseSlug ?? ""))
        status = "unavailable";
      else if (step.kind === "course" && record.startedCourses.has(step.courseSlug ?? "")) status = "in_progress";
      else status = "open";
    }
    statusOf.set(step.key, status);
    steps.push({ key: step.key, status, doneAt, lockedBy, optional: step.optional });
  }

  const required = steps.filter((s) => !s.optional);
  const isOpen = (s: StepProgress) => s.status === "open" || s.status === "in_progress";
  const next = required.find(isOpen) ?? steps.find(isOpen) ?? null;
  return {
    steps,
    requiredCount: required.length,
    requiredDone: required.filter((s) => s.status === "done").length,
    complete: required.length > 0 && required.every((s) => s.status === "done"),
    settled: required.every((s) => s.status === "done" || s.status === "skipped"),
    started: steps.some((s) => s.status === "done" || s.status === "in_progress"),
    nextStepKey: next?.key ?? null,
  };
}

/** A score from which a competence counts as mastered (0..1). */
export const MASTERY_THRESHOLD = 0.75;

/**
 * Steps the learner may skip: every competence the step teaches was assessed
 * by the diagnostic and scored at least MASTERY_THRESHOLD. A step that names
 * no competence is never skipped.
 */
export function masteredStepKeys(path: PathDefinition, competenceScores: Readonly<Record<string, number>>): Set<string> {
  const keys = new Set<string>();
  for (const step of path.steps) {
    if (!step.competences.length) continue;
    if (step.competences.every((c) => (competenceScores[c] ?? -1) >= MASTERY_THRESHOLD)) keys.add(step.key);
  }
  return keys;
}
