import type { Transaction } from "kysely";
import type { User } from "../../../db/schema/accounts";
import type { Audience, CourseLevel, RichDoc } from "../../../db/schema/courses";
import type { Database } from "../../../db/types";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError, FieldError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { canAuthorCourses, canEditCourse, canSeeAllCourses, courseForbidden, courseNotFound, lessonNotFound } from "./access";
import * as a from "./authoring-queries.server";
import { deleteStoredImage, storeCourseImage } from "./images.server";
import { buildOutline } from "./outline";
import { listOutline } from "./queries.server";
import { sanitizeDocument } from "./rich-text/sanitize";
import { completeEnrolmentsNowDone, lockOpenEnrolments } from "./trash-queries.server";
import { slugify } from "../../lib/slug";
import { type CourseDetailsInput, type LessonInput } from "./schemas";

// The authors' verbs. Each one checks the permission once, at the top.

export const AUTHORING_PAGE_SIZE = 20;

/** A field error the route turns into a 400 form reply (nothing was written). */
export function requireAuthor(user: User) {
  if (!canAuthorCourses(user)) throw courseForbidden();
}

/** The course, if `user` may edit it: 404 when it does not exist, 403 when it is someone else's. */
export async function editableCourse(db: Db, user: User, courseId: string) {
  requireAuthor(user);
  if (!isUuid(courseId)) throw courseNotFound();
  const course = await a.findCourseForEditing(db, courseId, user.id);
  if (!course) throw courseNotFound();
  if (!canEditCourse(user, { isAuthor: !!course.is_author })) throw courseForbidden();
  return course;
}

export async function listMyCourses(db: Db, user: User, page: number) {
  requireAuthor(user);
  const all = canSeeAllCourses(user);
  const rows = await a.listAuthoringCourses(db, { userId: user.id, all, limit: AUTHORING_PAGE_SIZE, offset: (page - 1) * AUTHORING_PAGE_SIZE });
  const total = Number(rows[0]?.total ?? 0);
  return {
    all,
    courses: rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, status: r.status, updatedAt: r.updated_at, lessonCount: Number(r.lesson_count ?? 0) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUTHORING_PAGE_SIZE)),
  };
}

async function freeSlug(db: Db, wanted: string | undefined, title: string) {
  const base = wanted ?? slugify(title, "cours");
  const taken = new Set((await a.slugsLike(db, base)).map((r) => r.slug));
  if (!taken.has(base)) return base;
  if (wanted) throw new FieldError("slug", "courses:errors.slug_taken");
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const detailsColumns = (input: CourseDetailsInput) => ({
  title: input.title,
  summary: input.summary,
  objectives: input.objectives,
  audiences: input.audiences as Audience[],
  themes: input.themes,
  competences: input.competences,
  level: input.level as CourseLevel,
});

export async function createCourse(db: Db, user: User, input: CourseDetailsInput) {
  requireAuthor(user);
  const slug = await freeSlug(db, input.slug, input.title);
  try {
    return await db.transaction().execute(async (trx) => {
      const course = await a.insertCourse(trx, { ...detailsColumns(input), slug, created_by: user.id });
      await a.addCourseAuthor(trx, course.id, user.id);
      await a.refreshSearchExtra(trx, course.id);
      return course;
    });
  } catch (error) {
    // Two authors racing for one address: the unique constraint decides.
    if ((error as { code?: string }).code === "23505") throw new FieldError("slug", "courses:errors.slug_taken");
    throw error;
  }
}

export async function loadCourseForEditing(db: Db, user: User, courseId: string) {
  const course = await editableCourse(db, user, courseId);
  const outline = buildOutline(await listOutline(db, course.id));
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
      status: course.status,
      coverImageKey: course.cover_image_key,
      coverAlt: course.cover_alt,
      imported: course.content_hash !== null,
    },
    modules: outline.modules,
  };
}

export async function updateCourseDetails(db: Db, user: User, courseId: string, input: CourseDetailsInput) {
  const course = await editableCourse(db, user, courseId);
  if (input.slug && input.slug !== course.slug && (await a.slugsLike(db, input.slug)).some((r) => r.slug === input.slug)) {
    throw new FieldError("slug", "courses:errors.slug_taken");
  }
  await db.transaction().execute(async (trx) => {
    await a.updateCourse(trx, courseId, { ...detailsColumns(input), slug: input.slug ?? course.slug });
    await a.refreshSearchExtra(trx, courseId);
  });
}

/** Stores the uploaded cover (checked by its bytes) with its required alternative text. */
export async function setCourseCover(db: Db, user: User, courseId: string, input: { file: File; alt: string }) {
  const course = await editableCourse(db, user, courseId);
  const stored = await storeCourseImage(db, new Uint8Array(await input.file.arrayBuffer()), { ownerId: user.id, courseId });
  await db.transaction().execute((trx) => a.updateCourse(trx, courseId, { cover_image_key: stored.fileName, cover_alt: input.alt }));
  if (course.cover_image_key) await deleteStoredImage(db, course.cover_image_key);
  return stored;
}

export async function removeCourseCover(db: Db, user: User, courseId: string) {
  const course = await editableCourse(db, user, courseId);
  await db.transaction().execute((trx) => a.updateCourse(trx, courseId, { cover_image_key: null, cover_alt: null }));
  if (course.cover_image_key) await deleteStoredImage(db, course.cover_image_key);
}

/** An image for a lesson body, uploaded from the editor. */
export async function uploadLessonImage(db: Db, user: User, courseId: string, body: Uint8Array) {
  await editableCourse(db, user, courseId);
  return storeCourseImage(db, body, { ownerId: user.id, courseId });
}

export async function setCoursePublished(db: Db, user: User, courseId: string, publish: boolean) {
  await editableCourse(db, user, courseId);
  if (publish && (await a.countLessons(db, courseId)) === 0) throw appError(409, "course_empty", "courses:errors.publish_empty");
  await db.transaction().execute((trx) => a.setCourseStatus(trx, courseId, publish ? "published" : "draft"));
}

/** Structure edits: the course row is locked so positions stay unique under concurrent edits. */
export async function restructure<T>(db: Db, user: User, courseId: string, work: (trx: Transaction<Database>) => Promise<T>) {
  await editableCourse(db, user, courseId);
  return withRetryingTransaction(db, async (trx) => {
    await a.lockCourse(trx, courseId);
    const result = await work(trx);
    await a.refreshSearchExtra(trx, courseId);
    await a.updateCourse(trx, courseId, {});
    return result;
  });
}

export function addModule(db: Db, user: User, courseId: string, title: string) {
  return restructure(db, user, courseId, async (trx) =>
    a.insertModule(trx, { courseId, title, position: await a.nextModulePosition(trx, courseId) }),
  );
}

export function renameModule(db: Db, user: User, courseId: string, moduleId: string, title: string) {
  return restructure(db, user, courseId, async (trx) => {
    if (!(await a.renameModule(trx, courseId, moduleId, title))) throw courseNotFound();
  });
}

export function moveModule(db: Db, user: User, courseId: string, moduleId: string, direction: "up" | "down") {
  return restructure(db, user, courseId, async (trx) => {
    const module = await a.findModule(trx, courseId, moduleId);
    if (!module) throw courseNotFound();
    const other = await a.neighbourModule(trx, courseId, module.position, direction);
    if (!other) return;
    // The unique (course, position) constraint is deferred: the swap is checked at commit.
    await a.setModulePosition(trx, module.id, other.position);
    await a.setModulePosition(trx, other.id, module.position);
  });
}

export function addLesson(db: Db, user: User, courseId: string, moduleId: string, title: string) {
  return restructure(db, user, courseId, async (trx) => {
    if (!(await a.findModule(trx, courseId, moduleId))) throw courseNotFound();
    const { max } = await a.lessonPositionBounds(trx, moduleId);
    return a.insertLesson(trx, { courseId, moduleId, title, position: max === null ? 0 : max + 1 });
  });
}

/**
 * Moves a lesson one place up or down; past the edge of its module it goes
 * to the end (or start) of the neighbouring module.
 */
export function moveLesson(db: Db, user: User, courseId: string, lessonId: string, direction: "up" | "down") {
  return restructure(db, user, courseId, async (trx) => {
    const lesson = await a.findLesson(trx, courseId, lessonId);
    if (!lesson) throw lessonNotFound();
    const other = await a.neighbourLesson(trx, lesson.module_id, lesson.position, direction);
    if (other) {
      await a.placeLesson(trx, lesson.id, lesson.module_id, other.position);
      await a.placeLesson(trx, other.id, lesson.module_id, lesson.position);
      return;
    }
    const module = (await a.findModule(trx, courseId, lesson.module_id))!;
    const target = await a.neighbourModule(trx, courseId, module.position, direction);
    if (!target) return;
    if (direction === "up") {
      const { max } = await a.lessonPositionBounds(trx, target.id);
      await a.placeLesson(trx, lesson.id, target.id, (max ?? -1) + 1);
      return;
    }
    // To the front of the next module: renumber it with this lesson first
    // (the unique position constraint is checked at commit).
    const others = await a.lessonIdsOfModule(trx, target.id);
    for (const [index, id] of [lesson.id, ...others].entries()) await a.placeLesson(trx, id, target.id, index);
  });
}

export async function loadLessonForEditing(db: Db, user: User, courseId: string, lessonId: string) {
  const course = await editableCourse(db, user, courseId);
  if (!isUuid(lessonId)) throw lessonNotFound();
  const lesson = await a.findLesson(db, courseId, lessonId);
  if (!lesson) throw lessonNotFound();
  return {
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status },
    lesson: { id: lesson.id, title: lesson.title, estimatedMinutes: lesson.estimated_minutes, required: lesson.required, body: lesson.body as RichDoc },
  };
}

/** Saves a lesson; the body is rebuilt from the allow-list before it is stored. */
export async function saveLesson(db: Db, user: User, courseId: string, lessonId: string, input: LessonInput) {
  await editableCourse(db, user, courseId);
  if (!isUuid(lessonId)) throw lessonNotFound();
  const { doc, dropped } = sanitizeDocument(input.body);
  await db.transaction().execute(async (trx) => {
    const lesson = await a.findLesson(trx, courseId, lessonId);
    if (!lesson) throw lessonNotFound();
    // A lesson made optional may leave someone with every required lesson done: they complete the course now.
    const nowOptional = lesson.required && !input.required;
    if (nowOptional) await lockOpenEnrolments(trx, courseId);
    await a.updateLesson(trx, lessonId, { title: input.title, estimatedMinutes: input.estimatedMinutes, required: input.required, body: doc });
    if (nowOptional) await completeEnrolmentsNowDone(trx, courseId);
    await a.refreshSearchExtra(trx, courseId);
  });
  return { dropped };
}
