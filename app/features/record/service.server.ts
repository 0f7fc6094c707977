import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { listMyBadges } from "../badges/service.server";
import { listClassAttendance, listUpcomingRegistrations } from "../classrooms/attendance.server";
import { listCompletedCourses, listCoursesInProgress } from "../courses/learning.server";
import { latestBusinessDiagnosticOf } from "../business-diagnostic/service.server";
import { latestDiagnosticOf } from "../diagnostic/service.server";
import { requireHelpableLearner } from "../mediation/learners.server";
import { listChosenPaths, listPathsOverview } from "../paths/service.server";
import { getWorkshopRecord, listUpcomingWorkshops } from "../workshops/record.server";
import { getAppointmentRecord } from "../appointments/record.server";
import { can, isLearner } from "../../lib/permissions";
import { listFollowedJobPaths } from "../jobs/matching.server";

/**
 * The one learner record: what a person has done and has planned across
 * self-paced courses, paths, workshops and virtual classes, with their
 * badges, latest diagnostic and business pre-diagnostic. Each part is read through its own domain's
 * export; nothing here is stored twice.
 */
export async function loadRecord(db: Db, learner: User, now = new Date()) {
  const [inProgress, completed, paths, workshops, classes, upcomingClasses, badges, diagnostic, businessDiagnostic, appointments] = await Promise.all([
    listCoursesInProgress(db, learner.id, 50),
    listCompletedCourses(db, learner.id),
    listPathsOverview(db, learner, null),
    getWorkshopRecord(db, learner, now),
    listClassAttendance(db, learner.id, now),
    listUpcomingRegistrations(db, learner.id, now),
    listMyBadges(db, learner),
    latestDiagnosticOf(db, learner.id),
    latestBusinessDiagnosticOf(db, learner.id),
    getAppointmentRecord(db, learner.id, now),
  ]);
  // Offers' professional paths the person follows (decision 046), with their progress.
  const jobPaths = await listFollowedJobPaths(db, learner, now);
  // A class under way is still "upcoming" (one can join it); it is listed with the past ones once it has ended.
  const notEnded = new Set(upcomingClasses.map((c) => c.classroomId));
  const pastClasses = classes.filter((c) => !notEnded.has(c.classroomId));
  const attendedClasses = pastClasses.filter((c) => c.attended);
  return {
    courses: {
      inProgress: inProgress.map((c) => ({ slug: c.slug, title: c.title, lastActivity: c.updated_at })),
      completed: completed.map((c) => ({ slug: c.slug, title: c.title, completedAt: c.completedAt })),
    },
    paths: chosenPaths(paths.paths),
    jobPaths: jobPaths.map(({ offerId, title, done, count }) => ({ offerId, title, done, count })),
    workshops,
    // The booking link is the person's own, and only for who may book (not staff).
    appointments: { ...appointments, canBook: can(learner, "book:appointment:own") },
    classes: { upcoming: upcomingClasses, past: pastClasses },
    badges: badges.badges.filter((b) => !b.revoked),
    diagnostic: diagnostic ? { id: diagnostic.id, takenAt: diagnostic.created_at } : null,
    businessDiagnostic,
    totals: {
      coursesCompleted: completed.length,
      workshopsAttended: workshops.attended.length,
      classesAttended: attendedClasses.length,
      liveMinutes: attendedClasses.reduce((sum, c) => sum + c.minutes, 0),
      badges: badges.badges.filter((b) => !b.revoked).length,
    },
  };
}

export type LearnerRecordView = Awaited<ReturnType<typeof loadRecord>>;

/** The paths the person chose to follow, counted in steps as the path page shows them (optional ones included). */
function chosenPaths(paths: Awaited<ReturnType<typeof listPathsOverview>>["paths"]) {
  return paths.flatMap((p) =>
    p.chosenAt && p.progress
      ? [{ slug: p.slug, title: p.title, chosenAt: p.chosenAt, done: p.progress.stepsDone, count: p.stepCount, complete: p.progress.complete }]
      : [],
  );
}

/** The same record, seen by a mediator who accompanies the person (or a coordinator). */
export async function loadRecordOfLearner(db: Db, actor: User, learnerId: string) {
  const learner = await requireHelpableLearner(db, actor, learnerId);
  return loadRecord(db, learner);
}

/**
 * What a signed-in learner's home page shows first: the next workshops and
 * classes they hold a seat in, the courses to resume, their paths. Read by
 * the same domain functions as "Mon suivi", so the two never disagree, but
 * only these five parts: the whole record (badges, diagnostics, history) cost
 * the most visited page three times a visitor's CPU (decision 032). Null for
 * staff and visitors, who keep the public home page.
 */
export async function loadLearnerHome(db: Db, viewer: User | null, now = new Date()) {
  if (!isLearner(viewer)) return null;
  const [inProgress, paths, workshops, upcomingClasses, appointments] = await Promise.all([
    listCoursesInProgress(db, viewer.id, HOME_ITEMS),
    listChosenPaths(db, viewer),
    listUpcomingWorkshops(db, viewer, now),
    listUpcomingRegistrations(db, viewer.id, now),
    getAppointmentRecord(db, viewer.id, now),
  ]);
  return {
    workshops: workshops.filter((w) => !w.cancelled).slice(0, HOME_ITEMS),
    classes: upcomingClasses.filter((c) => !c.cancelled).slice(0, HOME_ITEMS),
    appointments: appointments.upcoming.slice(0, HOME_ITEMS),
    courses: inProgress.map((c) => ({ slug: c.slug, title: c.title, lastActivity: c.updated_at })),
    paths: chosenPaths(paths).slice(0, HOME_ITEMS),
  };
}

const HOME_ITEMS = 3;

export type LearnerHomeView = NonNullable<Awaited<ReturnType<typeof loadLearnerHome>>>;
