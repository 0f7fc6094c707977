import { href } from "react-router";
import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isStaff } from "../../lib/permissions";
import { findPathBadge } from "../badges/service.server";
import { latestBusinessDiagnosticOf } from "../business-diagnostic/service.server";
import { anonymousDiagnostic, latestDiagnosticOf } from "../diagnostic/service.server";
import { followedPaths } from "./choices.server";
import { availableCourses, loadPublishedPath, loadPublishedPaths, type StoredPath } from "./definitions.server";
import { stepAnchor, stepLinkedPath } from "./model";
import { computePathProgress, EMPTY_RECORD, masteredStepKeys, type LearnerRecord, type PathProgress } from "./progress";
import { loadChosenPathsWithRecord, loadLearnerRecord } from "./record.server";
import { listUpcomingLinkedClasses } from "./queries.server";

const pathNotFound = () => appError(404, "path_not_found", "paths:errors.not_found");

/** The diagnostic that counts for this visitor: their latest, or this device's anonymous one. */
async function currentDiagnostic(db: Db, user: User | null, anonymousToken: string | null) {
  return user ? latestDiagnosticOf(db, user.id) : anonymousDiagnostic(db, anonymousToken);
}

/** The paths page (parcours): the four paths, with the visitor's progress and the one their diagnostic recommends. */
export async function listPathsOverview(db: Db, user: User | null, anonymousToken: string | null) {
  const [paths, diagnostic] = await Promise.all([loadPublishedPaths(db), currentDiagnostic(db, user, anonymousToken)]);
  const [record, followed] = user ? await Promise.all([loadLearnerRecord(db, user.id), followedPaths(db, user.id)]) : [EMPTY_RECORD, new Map<string, Date>()];
  const available = await availableCourses(db, paths);
  return {
    recommendedSlug: diagnostic?.recommended_path_slug ?? null,
    hasDiagnostic: !!diagnostic,
    paths: paths.map((p) =>
      pathOverview(p, followed.get(p.id) ?? null, user ? record : null, { competenceScores: diagnostic?.competence_scores ?? null, available }),
    ),
  };
}

/** One path as the paths page lists it; `record` null for a visitor (no progress). */
function pathOverview(
  p: StoredPath,
  chosenAt: Date | null,
  record: LearnerRecord | null,
  { competenceScores, available }: { competenceScores: Readonly<Record<string, number>> | null; available: ReadonlySet<string> },
) {
  const skipped = competenceScores ? masteredStepKeys(p.definition, competenceScores) : new Set<string>();
  const progress = computePathProgress(p.definition, record ?? EMPTY_RECORD, { skipped, availableCourses: available });
  return {
    slug: p.slug,
    title: p.title,
    audience: p.audience,
    goal: p.goal,
    stepCount: p.definition.steps.length,
    chosenAt,
    progress: record
      ? {
          requiredDone: progress.requiredDone,
          requiredCount: progress.requiredCount,
          stepsDone: progress.steps.filter((s) => s.status === "done").length,
          complete: progress.complete,
          started: progress.started,
        }
      : null,
  };
}

/**
 * The paths a learner chose, with their progress, as listPathsOverview counts
 * it, in one statement whatever the record's size (the learner home, issue
 * 17); when they chose none (most people), that statement reads nothing else.
 */
export async function listChosenPaths(db: Db, user: User, now = new Date()) {
  const { paths, record, competenceScores, available } = await loadChosenPathsWithRecord(db, user.id, now);
  return paths.map(({ path, chosenAt }) => pathOverview(path, chosenAt, record, { competenceScores, available }));
}

function stepLink(kind: string, target: { courseSlug: string | null; workshopTheme: string | null }) {
  if (kind === "course") return href("/cours/:slug", { slug: String(target.courseSlug) });
  if (kind === "workshop_theme") return `${href("/ateliers")}?theme=${target.workshopTheme}`;
  return href("/classes");
}

/**
 * A path page: its steps with, for the learner, where they are (done,
 * in progress, open, locked and by what, skipped thanks to the diagnostic)
 * and what comes next. Progress comes from the learner record only. Read
 * only: the badge is issued where the last step was done (an action) or by
 * the periodic job, never by looking at the page.
 */
export async function getPathPage(db: Db, user: User | null, slug: string, { anonymousToken }: { anonymousToken: string | null }) {
  const path = await loadPublishedPath(db, slug);
  if (!path) throw pathNotFound();
  const diagnostic = await currentDiagnostic(db, user, anonymousToken);
  const [record, followed] = user ? await Promise.all([loadLearnerRecord(db, user.id), followedPaths(db, user.id)]) : [EMPTY_RECORD, new Map<string, Date>()];
  const available = await availableCourses(db, [path]);
  // The business path starts from the visibility pre-diagnostic, not the placement one.
  const forBusiness = path.audience === "business_owners";
  const businessDiagnostic = forBusiness && user ? await latestBusinessDiagnosticOf(db, user.id) : null;
  const skipped = diagnostic ? masteredStepKeys(path.definition, diagnostic.competence_scores) : new Set<string>();
  const progress: PathProgress = computePathProgress(path.definition, record, { skipped, availableCourses: available });

  let badge = null;
  if (user) {
    const found = await findPathBadge(db, user.id, path.id);
    badge = found ? { id: found.id, name: found.name, revoked: !!found.revoked_at } : null;
  }

  const classLinks = path.definition.steps.filter((s) => s.kind === "classroom").map((s) => stepLinkedPath(path.slug, s.key));
  const upcoming = await listUpcomingLinkedClasses(db, classLinks);
  const titles = new Map(path.definition.steps.map((s) => [s.key, s.title]));

  return {
    slug: path.slug,
    title: path.title,
    audience: path.audience,
    goal: path.goal,
    summary: path.summary.split("\n\n"),
    signedIn: !!user,
    /** When the learner chose to follow this path (« Je suis ce parcours »), null if they do not. */
    chosenAt: followed.get(path.id) ?? null,
    /** Staff see the address a virtual class must carry to count for a class step. */
    canLinkClasses: isStaff(user),
    forBusiness,
    businessDiagnostic,
    diagnostic: diagnostic
      ? { id: diagnostic.id, date: diagnostic.created_at, recommendsThis: diagnostic.recommended_path_slug === path.slug, anonymous: !user }
      : null,
    progress: {
      requiredDone: progress.requiredDone,
      requiredCount: progress.requiredCount,
      complete: progress.complete,
      settled: progress.settled,
      next: progress.nextStepKey ? { key: progress.nextStepKey, title: titles.get(progress.nextStepKey)!, anchor: stepAnchor(progress.nextStepKey) } : null,
      skippedCount: progress.steps.filter((s) => s.status === "skipped").length,
    },
    badge,
    steps: path.definition.steps.map((step, i) => {
      const state = progress.steps[i]!;
      return {
        key: step.key,
        anchor: stepAnchor(step.key),
        kind: step.kind,
        title: step.title,
        description: step.description,
        optional: step.optional,
        status: state.status,
        doneAt: state.doneAt,
        lockedBy: state.lockedBy,
        isNext: progress.nextStepKey === step.key,
        link: stepLink(step.kind, step),
        workshopTheme: step.workshopTheme,
        linkedPath: step.kind === "classroom" ? stepLinkedPath(path.slug, step.key) : null,
        upcomingClasses:
          step.kind === "classroom"
            ? upcoming.filter((c) => c.linked_path === stepLinkedPath(path.slug, step.key)).map((c) => ({ id: c.id, title: c.title, startsAt: c.starts_at }))
            : [],
      };
    }),
  };
}

export type PathPage = Awaited<ReturnType<typeof getPathPage>>;
