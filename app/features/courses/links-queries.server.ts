import type { DbOrTrx } from "../../lib/db.server";

/** A published lesson's course, found by the lesson's id alone (links made outside Passerelle). */
export function findPublishedLessonCourse(db: DbOrTrx, lessonId: string) {
  return db
    .selectFrom("lesson")
    .innerJoin("course", "course.id", "lesson.course_id")
    .select(["lesson.id as lessonId", "lesson.title", "course.id as courseId", "course.slug"])
    .where("lesson.id", "=", lessonId)
    .where("course.status", "=", "published")
    .executeTakeFirst();
}

export function findPublishedCourseById(db: DbOrTrx, courseId: string) {
  return db.selectFrom("course").select(["id as courseId", "slug", "title"]).where("id", "=", courseId).where("status", "=", "published").executeTakeFirst();
}

/** One learner's progress in one lesson, or in every lesson of one course. */
export function lessonProgressOf(db: DbOrTrx, userId: string, lessonId: string) {
  return db.selectFrom("lesson_progress").select(["completed_at", "best_score"]).where("user_id", "=", userId).where("lesson_id", "=", lessonId).executeTakeFirst();
}

export function courseCompletionOf(db: DbOrTrx, userId: string, courseId: string) {
  return db.selectFrom("enrolment").select(["completed_at"]).where("user_id", "=", userId).where("course_id", "=", courseId).executeTakeFirst();
}
