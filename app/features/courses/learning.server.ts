import type { User } from "../../../db/schema/accounts";
import type { Audience, CourseLevel } from "../../../db/schema/courses";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { canEditCourse, courseNotFound, lessonNotFound } from "./access";
import { href } from "react-router";
import { signOpenedAt, verifiedOpenedAt } from "./opened-at.server";
import { buildOutline, lastCompletedLessonId, resumeLesson, type Outline } from "./outline";
import * as q from "./queries.server";

// The learner's verbs: catalogue, course page, lesson player, progress.
// Each page loader is one call here and runs a fixed number of queries.

export { courseEffort, listCompletedCourses, listCoursesInProgress, listPublishedCourseTitles } from "./queries.server";

export const CATALOGUE_PAGE_SIZE = 12;

export interface CatalogueFilters {
  q?: string;
  audience?: Audience;
  theme?: string;
  level?: CourseLevel;
  page: number;
}

type Viewer = Pick<User, "id" | "role"> | null;

export async function loadCatalogue(db: Db, user: Viewer, filters: CatalogueFilters) {
  const rows = await q.searchPublishedCourses(db, {
    tsQuery: filters.q ? q.prefixTsQuery(filters.q) : undefined,
    audience: filters.audience,
    theme: filters.theme,
    level: filters.level,
    userId: user?.id,
    limit: CATALOGUE_PAGE_SIZE,
    offset: (filters.page - 1) * CATALOGUE_PAGE_SIZE,
  });
  const total = Number(rows[0]?.total ?? 0);
  const inProgress = user && !filters.q && filters.page === 1 ? await q.listCoursesInProgress(db, user.id) : [];
  return {
    courses: rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      audiences: r.audiences,
      level: r.level,
      coverImageKey: r.cover_image_key,
      coverAlt: r.cover_alt,
      lessonCount: Number(r.lesson_count ?? 0),
      minutes: Number(r.minutes ?? 0),
      state: r.completed_at ? ("completed" as const) : r.enrolled_at ? ("started" as const) : null,
    })),
    inProgress: inProgress.map((c) => ({ slug: c.slug, title: c.title })),
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE)),
  };
}

/** A course the viewer may see: published, or a draft they may edit (preview). Otherwise a 404. */
async function visibleCourse(db: Db, user: Viewer, slug: string) {
  const course = await q.findCourseBySlug(db, slug, user?.id ?? null);
  if (!course) throw courseNotFound();
  const canEdit = canEditCourse(user, { isAuthor: !!course.is_author });
  // A draft is not found for those who may not edit it: its existence stays private.
  if (course.status !== "published" && !canEdit) throw courseNotFound();
  return { course, canEdit };
}

function progressOf(outline: Outline) {
  return { completed: outline.completedRequired, total: outline.requiredCount };
}

export async function loadCoursePage(db: Db, user: Viewer, slug: string) {
  const { course, canEdit } = await visibleCourse(db, user, slug);
  const rows = await q.listOutline(db, course.id, { userId: user?.id });
  const outline = buildOutline(rows);
  const resume = course.enrolled_at ? resumeLesson(outline.lessons, lastCompletedLessonId(rows) ?? course.last_lesson_id) : undefined;
  return {
    course: {
      id: course.id,
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      objectives: course.objectives,
      audiences: course.audiences,
      themes: course.themes,
      competences: course.competences,
      level: course.level,
      coverImageKey: course.cover_image_key,
      coverAlt: course.cover_alt,
      status: course.status,
    },
    modules: outline.modules,
    totalMinutes: outline.totalMinutes,
    lessonCount: outline.lessons.length,
    firstLessonId: outline.lessons[0]?.id ?? null,
    resumeLessonId: resume?.id ?? null,
    enrolled: !!course.enrolled_at,
    completedAt: course.enrolment_completed_at,
    progress: progressOf(outline),
    canEdit,
  };
}

/** Where "Reprendre" leads for this learner: the resume lesson, or the course page when it has none. */
export async function resumePath(db: Db, user: Viewer, slug: string) {
  const { course } = await visibleCourse(db, user, slug);
  const rows = await q.listOutline(db, course.id, { userId: user?.id });
  const lesson = resumeLesson(buildOutline(rows).lessons, lastCompletedLessonId(rows) ?? course.last_lesson_id);
  return lesson ? href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: lesson.id }) : href("/cours/:slug", { slug: course.slug });
}

/**
 * « Commencer » (decision 042): enrols the learner — so the course shows
 * « en cours » before any lesson is done — and leads to the lesson to start
 * from. Posted twice, one enrolment. Opening a lesson no longer enrols.
 */
export async function startCourse(db: Db, user: User, slug: string) {
  const { course } = await visibleCourse(db, user, slug);
  if (course.status !== "published") throw appError(409, "course_not_published", "courses:errors.not_published");
  const rows = await q.listOutline(db, course.id, { userId: user.id });
  const lesson = resumeLesson(buildOutline(rows).lessons, lastCompletedLessonId(rows) ?? course.last_lesson_id);
  await q.enrolOnce(db, { userId: user.id, courseId: course.id, lessonId: lesson?.id ?? null });
  return lesson
    ? href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: lesson.id })
    : href("/cours/:slug", { slug: course.slug });
}

export async function loadLessonPage(db: Db, user: Viewer, slug: string, lessonId: string) {
  if (!isUuid(lessonId)) throw lessonNotFound();
  const { course, canEdit } = await visibleCourse(db, user, slug);
  const outline = buildOutline(await q.listOutline(db, course.id, { userId: user?.id, bodyOf: lessonId }));
  const index = outline.lessons.findIndex((l) => l.id === lessonId);
  if (index < 0) throw lessonNotFound();
  // Reading writes nothing (decision 042): the forms carry when the page was served, signed.
  const openedAt = user && course.status === "published" ? await signOpenedAt(db, user.id, lessonId) : null;
  const lesson = outline.lessons[index]!;
  const module = outline.modules.find((m) => m.lessons.some((l) => l.id === lessonId))!;
  const neighbour = (i: number) => {
    const l = outline.lessons[i];
    return l ? { id: l.id, title: l.title } : null;
  };
  return {
    course: { slug: course.slug, title: course.title, status: course.status },
    module: { title: module.title },
    lesson: { id: lesson.id, title: lesson.title, minutes: lesson.minutes, number: lesson.number, completed: lesson.completed },
    body: outline.body,
    lessonCount: outline.lessons.length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    modules: outline.modules,
    progress: progressOf(outline),
    canEdit,
    openedAt,
  };
}

export interface CompletionResult {
  /** This call completed the lesson (false when it already was: the call changed nothing). */
  lessonCompletedNow: boolean;
  courseCompleted: boolean;
  /** This call completed the course. */
  courseCompletedNow: boolean;
}

async function completeInTransaction(
  db: Db,
  v: { userId: string; courseId: string; lessonId: string; startedAt?: Date | null; score: number | null; position: string | null },
): Promise<CompletionResult> {
  return withRetryingTransaction(db, async (trx) => {
    const enrolment = await q.lockEnrolment(trx, v.userId, v.courseId);
    const at = new Date();
    const progress = await q.upsertLessonCompletion(trx, { ...v, at });
    const lessonCompletedNow = progress.completed_at?.getTime() === at.getTime();
    if (enrolment.completed_at) return { lessonCompletedNow, courseCompleted: true, courseCompletedNow: false };
    if ((await q.countRequiredLessonsLeft(trx, v.userId, v.courseId)) > 0) {
      return { lessonCompletedNow, courseCompleted: false, courseCompletedNow: false };
    }
    const courseCompletedNow = await q.setEnrolmentCompleted(trx, v.userId, v.courseId, at);
    return { lessonCompletedNow, courseCompleted: true, courseCompletedNow };
  });
}

/**
 * Marks a lesson completed for `user`, idempotently: sent twice, it is
 * stored once (the first completion time is kept; the best score wins).
 * When it completes the last required lesson, the course's completion is
 * stored on the enrolment in the same transaction. Other domains (xAPI
 * results from H5P) call this with a score between 0 and 1, and the lesson
 * page's signed `openedAt` when they have it (decision 042).
 */
export async function markLessonCompleted(
  db: Db,
  user: Pick<User, "id" | "role">,
  lessonId: string,
  { score = null, position = null, openedAt = null }: { score?: number | null; position?: string | null; openedAt?: string | null } = {},
): Promise<CompletionResult & { courseId: string }> {
  if (score !== null && !(Number.isFinite(score) && score >= 0 && score <= 1)) {
    throw appError(400, "bad_score", "courses:errors.bad_score");
  }
  if (!isUuid(lessonId)) throw lessonNotFound();
  const lesson = await q.findLessonWithCourse(db, lessonId, user.id);
  if (!lesson) throw lessonNotFound();
  if (lesson.status !== "published") {
    if (!canEditCourse(user, { isAuthor: !!lesson.is_author })) throw lessonNotFound();
    throw appError(409, "course_not_published", "courses:errors.not_published");
  }
  const result = await completeInTransaction(db, {
    userId: user.id,
    courseId: lesson.course_id,
    lessonId,
    startedAt: await verifiedOpenedAt(db, openedAt, user.id, lessonId),
    score,
    position: position?.slice(0, 200) ?? null,
  });
  return { ...result, courseId: lesson.course_id };
}

/** "J'ai terminé cette leçon": completes it and says where to go next. */
export async function completeLessonAndContinue(db: Db, user: User, slug: string, lessonId: string, openedAt: string | null = null) {
  if (!isUuid(lessonId)) throw lessonNotFound();
  const { course } = await visibleCourse(db, user, slug);
  if (course.status !== "published") throw appError(409, "course_not_published", "courses:errors.not_published");
  const outline = buildOutline(await q.listOutline(db, course.id, { userId: user.id }));
  const index = outline.lessons.findIndex((l) => l.id === lessonId);
  if (index < 0) throw lessonNotFound();
  const startedAt = await verifiedOpenedAt(db, openedAt, user.id, lessonId);
  const result = await completeInTransaction(db, { userId: user.id, courseId: course.id, lessonId, startedAt, score: null, position: null });
  const next = outline.lessons[index + 1];
  if (result.courseCompletedNow || (!next && result.courseCompleted)) return { ...result, redirectTo: `${href("/cours/:slug", { slug: course.slug })}?termine=1` };
  return { ...result, redirectTo: next ? href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: next.id }) : href("/cours/:slug", { slug: course.slug }) };
}
