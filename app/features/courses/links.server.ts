import type { DbOrTrx } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import * as q from "./links-queries.server";

// Exported reads for links made outside Passerelle (LTI launches, issue 21):
// a lesson or course named by its id, and where a learner stands in it.

export async function publishedLessonById(db: DbOrTrx, lessonId: string) {
  return isUuid(lessonId) ? ((await q.findPublishedLessonCourse(db, lessonId)) ?? null) : null;
}

export async function publishedCourseById(db: DbOrTrx, courseId: string) {
  return isUuid(courseId) ? ((await q.findPublishedCourseById(db, courseId)) ?? null) : null;
}

/** Completed (when) and best score 0..1 of a lesson; a course is complete when its enrolment says so (no score). */
export async function progressForLink(db: DbOrTrx, userId: string, target: { kind: "lesson" | "course"; id: string }) {
  if (target.kind === "lesson") {
    const row = await q.lessonProgressOf(db, userId, target.id);
    return { completedAt: row?.completed_at ?? null, score: row?.best_score ?? null };
  }
  const row = await q.courseCompletionOf(db, userId, target.id);
  return { completedAt: row?.completed_at ?? null, score: null };
}
