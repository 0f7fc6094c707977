import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import type { PeriodicJob } from "../../lib/jobs.server";
import { courseNotFound, lessonNotFound } from "./access";
import { loadCourseForEditing, restructure } from "./authoring.server";
import * as t from "./trash-queries.server";

// Deleting a module or a lesson puts it in the course's trash: hidden from
// learners and from completion, progress kept, restorable for TRASH_DAYS,
// then purged by a periodic job. See docs/decisions/017-course-trash.md.

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TrashTarget {
  kind: "module" | "lesson";
  id: string;
}

/** What the confirmation says before trashing: who started or completed it, who would complete the course. */
async function pendingDeletion(db: Db, courseId: string, target: TrashTarget) {
  const impact = await t.deletionImpact(db, courseId, target);
  if (!impact) return null;
  const completesCourse = impact.lessonIds.length ? await t.countEnrolmentsCompletedWithout(db, courseId, impact.lessonIds) : 0;
  return { ...target, title: impact.title, lessonCount: impact.lessonIds.length, started: impact.started, completed: impact.completed, completesCourse };
}

/**
 * The course editor: the course, its structure, its trash and, when the
 * author asked to delete something, what that would change (no JavaScript:
 * the delete button leads here with `confirm`). A target that is gone or
 * malformed is ignored (a second click, the back button).
 */
export async function loadCourseEditor(db: Db, user: User, courseId: string, confirm?: TrashTarget | null) {
  const page = await loadCourseForEditing(db, user, courseId);
  const trash = await t.listTrash(db, page.course.id);
  return {
    ...page,
    trash: trash.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      moduleTitle: r.module_title,
      lessonCount: Number(r.lesson_count),
      deletedAt: r.deleted_at,
      deletedBy: r.deleted_by_first_name ? [r.deleted_by_first_name, r.deleted_by_last_name].filter(Boolean).join(" ") : null,
      purgedAfter: new Date(r.deleted_at.getTime() + TRASH_DAYS * DAY_MS),
    })),
    trashDays: TRASH_DAYS,
    pendingDeletion: confirm && isUuid(confirm.id) ? await pendingDeletion(db, page.course.id, confirm) : null,
  };
}

/**
 * Trashes a module or a lesson (a module's lessons with it). In the same
 * transaction, learners who now have every remaining required lesson done
 * complete the course. Returns who completed it just now.
 */
export function trashCourseItem(db: Db, user: User, courseId: string, target: TrashTarget) {
  return restructure(db, user, courseId, async (trx) => {
    await t.lockOpenEnrolments(trx, courseId);
    const trashed =
      target.kind === "module" ? await t.trashModule(trx, courseId, target.id, user.id) : await t.trashLesson(trx, courseId, target.id, user.id);
    if (!trashed) throw target.kind === "module" ? courseNotFound() : lessonNotFound();
    return { completedNow: await t.completeEnrolmentsNowDone(trx, courseId) };
  });
}

/**
 * Brings a module (with the lessons trashed with it) or a lesson back, in its
 * place, with the learners' progress. A completed course stays completed.
 */
export function restoreCourseItem(db: Db, user: User, courseId: string, target: TrashTarget) {
  return restructure(db, user, courseId, async (trx) => {
    const restored =
      target.kind === "module" ? await t.restoreModule(trx, courseId, target.id) : await t.restoreLesson(trx, courseId, target.id);
    if (!restored) throw target.kind === "module" ? courseNotFound() : lessonNotFound();
  });
}

/** Purges what has been in a course trash for more than TRASH_DAYS. */
export function purgeExpiredCourseTrash(db: Db, now: Date) {
  return t.purgeTrash(db, new Date(now.getTime() - TRASH_DAYS * DAY_MS));
}

export const courseTrashJob: PeriodicJob = {
  name: "purge-course-trash",
  everyMs: 6 * 60 * 60 * 1000,
  run: (db, now) => purgeExpiredCourseTrash(db, now),
};
