import { sql } from "kysely";
import type { Audience, CourseLevel, RichDoc } from "../../../db/schema/courses";
import type { DbOrTrx } from "../../lib/db.server";

// Learner-side queries. Each page loader uses a fixed number of them,
// whatever the number of courses or lessons (tests count them). Modules and
// lessons in the trash (`deleted_at` set) are invisible here; a trashed
// module's lessons are trashed with it, so `lesson.deleted_at` is enough.

export interface CatalogueQuery {
  /** A to_tsquery expression built by `prefixTsQuery`, or undefined. */
  tsQuery?: string;
  audience?: Audience;
  theme?: string;
  level?: CourseLevel;
  userId?: string;
  limit: number;
  offset: number;
}

/**
 * "demarch" → "demarch:*": every word of the user's text, as a prefix, all
 * required. Only letters and digits reach to_tsquery, so its syntax cannot be
 * injected; accents and case are folded in SQL (immutable_unaccent, and the
 * 'french' configuration lower-cases and stems).
 */
export function prefixTsQuery(text: string): string | undefined {
  const words = text.normalize("NFC").match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : undefined;
}

/** One query: the page of published courses, the total, lesson counts and the user's enrolment. */
export function searchPublishedCourses(db: DbOrTrx, q: CatalogueQuery) {
  const tsq = q.tsQuery ? sql`to_tsquery('french'::regconfig, immutable_unaccent(${q.tsQuery}))` : null;
  let query = db
    .selectFrom("course")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("lesson")
          .whereRef("lesson.course_id", "=", "course.id")
          .where("lesson.deleted_at", "is", null)
          .select((e) => [
            e.fn.countAll<string>().as("lesson_count"),
            e.fn.coalesce(e.fn.sum<string>("lesson.estimated_minutes"), sql<string>`0`).as("minutes"),
          ])
          .as("stats"),
      (join) => join.onTrue(),
    )
    // Anonymous visitors: joined on null, so no row matches.
    .leftJoin("enrolment", (join) =>
      join.onRef("enrolment.course_id", "=", "course.id").on("enrolment.user_id", "=", q.userId ?? sql<string>`null`),
    )
    .select((eb) => [
      "course.id",
      "course.slug",
      "course.title",
      "course.summary",
      "course.audiences",
      "course.themes",
      "course.level",
      "course.cover_image_key",
      "course.cover_alt",
      "stats.lesson_count",
      "stats.minutes",
      "enrolment.enrolled_at",
      "enrolment.completed_at",
      eb.fn.countAll<string>().over().as("total"),
    ])
    .where("course.status", "=", "published");
  if (q.audience) query = query.where(sql<boolean>`course.audiences @> array[${q.audience}]::text[]`);
  if (q.theme) query = query.where(sql<boolean>`course.themes @> array[${q.theme}]::text[]`);
  if (q.level) query = query.where("course.level", "=", q.level);
  if (tsq) {
    // The course's own words, or the words of one of its lessons (each vector
    // must hold every word). `in` rather than a correlated `exists`: the lesson
    // index is read once and the matching courses hashed.
    query = query
      .where(
        sql<boolean>`(course.search @@ ${tsq} or course.id in (select lesson.course_id from lesson where lesson.search @@ ${tsq} and lesson.deleted_at is null))`,
      )
      // A course whose title holds every word comes first (issue 13: "e-mail"
      // found the scams course first, through its lessons' many mentions);
      // hyphens dropped too, so "email" matches the title "… e-mail". Then the
      // weighted rank (title A, summary B, lessons' titles and objectives C).
      .orderBy(sql`to_tsvector('french'::regconfig, immutable_unaccent(course.title || ' ' || replace(course.title, '-', ''))) @@ ${tsq}`, "desc")
      .orderBy(sql`ts_rank(course.search, ${tsq})`, "desc");
  }
  return query.orderBy("course.title").orderBy("course.id").limit(q.limit).offset(q.offset).execute();
}

/** The signed-in learner's unfinished courses, most recent first. */
export function listCoursesInProgress(db: DbOrTrx, userId: string, limit = 6) {
  return db
    .selectFrom("enrolment")
    .innerJoin("course", "course.id", "enrolment.course_id")
    .select(["course.slug", "course.title", "enrolment.updated_at"])
    .where("enrolment.user_id", "=", userId)
    .where("enrolment.completed_at", "is", null)
    .where("course.status", "=", "published")
    .orderBy("enrolment.updated_at", "desc")
    .limit(limit)
    .execute();
}

/** A course with whether `userId` is one of its authors and the user's enrolment, in one query. */
export function findCourseBySlug(db: DbOrTrx, slug: string, userId: string | null) {
  return db
    .selectFrom("course")
    .leftJoin("enrolment", (join) =>
      join.onRef("enrolment.course_id", "=", "course.id").on("enrolment.user_id", "=", userId ?? sql<string>`null`),
    )
    .selectAll("course")
    .select((eb) => [
      "enrolment.enrolled_at",
      "enrolment.last_lesson_id",
      "enrolment.completed_at as enrolment_completed_at",
      userId
        ? eb
            .exists(
              eb
                .selectFrom("course_author")
                .whereRef("course_author.course_id", "=", "course.id")
                .where("course_author.user_id", "=", userId),
            )
            .as("is_author")
        : sql<boolean>`false`.as("is_author"),
    ])
    .where("course.slug", "=", slug)
    .executeTakeFirst();
}

export interface OutlineRow {
  module_id: string;
  module_title: string;
  module_position: number;
  lesson_id: string | null;
  lesson_title: string | null;
  lesson_position: number | null;
  estimated_minutes: number | null;
  required: boolean | null;
  completed_at: Date | null;
  /** Only for the lesson asked for with `bodyOf`. */
  body: RichDoc | null;
}

/**
 * Modules and lessons in order (empty modules included), the user's
 * completion of each lesson and, optionally, one lesson's body — one query.
 */
export function listOutline(db: DbOrTrx, courseId: string, { userId, bodyOf }: { userId?: string | null; bodyOf?: string } = {}) {
  let query = db
    .selectFrom("course_module")
    .leftJoin("lesson", (join) => join.onRef("lesson.module_id", "=", "course_module.id").on("lesson.deleted_at", "is", null))
    .select([
      "course_module.id as module_id",
      "course_module.title as module_title",
      "course_module.position as module_position",
      "lesson.id as lesson_id",
      "lesson.title as lesson_title",
      "lesson.position as lesson_position",
      "lesson.estimated_minutes",
      "lesson.required",
      bodyOf ? sql<RichDoc | null>`case when lesson.id = ${bodyOf} then lesson.body end`.as("body") : sql<null>`null`.as("body"),
    ])
    .where("course_module.course_id", "=", courseId)
    .where("course_module.deleted_at", "is", null);
  if (userId) {
    query = query
      .leftJoin("lesson_progress", (join) =>
        join.onRef("lesson_progress.lesson_id", "=", "lesson.id").on("lesson_progress.user_id", "=", userId),
      )
      .select("lesson_progress.completed_at");
  } else {
    query = query.select(sql<Date | null>`null`.as("completed_at"));
  }
  return query
    .orderBy("course_module.position")
    .orderBy("lesson.position")
    .execute() as Promise<OutlineRow[]>;
}

/**
 * « Commencer » (decision 042): enrols the learner, once, and remembers the
 * lesson it leads to for « Reprendre » until a lesson is done. Two posts make
 * one row (the primary key); the second only moves the resume point.
 */
export async function enrolOnce(db: DbOrTrx, v: { userId: string; courseId: string; lessonId: string | null }) {
  await db
    .insertInto("enrolment")
    .values({ user_id: v.userId, course_id: v.courseId, last_lesson_id: v.lessonId })
    .onConflict((oc) =>
      oc.columns(["user_id", "course_id"]).doUpdateSet({
        last_lesson_id: sql`coalesce(excluded.last_lesson_id, enrolment.last_lesson_id)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The key signing the lesson page's « opened at » (made by its migration, never on a read). */
export async function findSigningKey(db: DbOrTrx) {
  const row = await db.selectFrom("course_signing_key").select("secret").where("id", "=", 1).executeTakeFirstOrThrow();
  return Buffer.from(row.secret);
}

/** A lesson with its course's status and whether `userId` authors it. */
export function findLessonWithCourse(db: DbOrTrx, lessonId: string, userId: string) {
  return db
    .selectFrom("lesson")
    .innerJoin("course", "course.id", "lesson.course_id")
    .select((eb) => [
      "lesson.id",
      "lesson.course_id",
      "course.status",
      "course.slug",
      eb
        .exists(
          eb
            .selectFrom("course_author")
            .whereRef("course_author.course_id", "=", "course.id")
            .where("course_author.user_id", "=", userId),
        )
        .as("is_author"),
    ])
    .where("lesson.id", "=", lessonId)
    .where("lesson.deleted_at", "is", null)
    .executeTakeFirst();
}

/**
 * Enrols if needed and locks the enrolment row for the rest of the
 * transaction, so two lessons completed at the same moment cannot both miss
 * the course's completion.
 */
export function lockEnrolment(trx: DbOrTrx, userId: string, courseId: string) {
  return trx
    .insertInto("enrolment")
    .values({ user_id: userId, course_id: courseId })
    .onConflict((oc) => oc.columns(["user_id", "course_id"]).doUpdateSet({ updated_at: sql`now()` }))
    .returning(["completed_at"])
    .executeTakeFirstOrThrow();
}

/**
 * Idempotent: the first completion time and the best score are kept.
 * `started_at` is the verified « opened at » (decision 042), else the
 * completion time; a row already there keeps its own.
 */
export function upsertLessonCompletion(
  trx: DbOrTrx,
  v: { userId: string; courseId: string; lessonId: string; at: Date; startedAt?: Date | null; score: number | null; position: string | null },
) {
  return trx
    .insertInto("lesson_progress")
    .values({
      user_id: v.userId,
      lesson_id: v.lessonId,
      course_id: v.courseId,
      started_at: v.startedAt ?? v.at,
      completed_at: v.at,
      best_score: v.score,
      last_position: v.position,
    })
    .onConflict((oc) =>
      oc.columns(["user_id", "lesson_id"]).doUpdateSet({
        completed_at: sql`coalesce(lesson_progress.completed_at, excluded.completed_at)`,
        best_score: sql`greatest(lesson_progress.best_score, excluded.best_score)`,
        last_position: sql`coalesce(excluded.last_position, lesson_progress.last_position)`,
        updated_at: sql`now()`,
      }),
    )
    .returning(["completed_at"])
    .executeTakeFirstOrThrow();
}

export async function countRequiredLessonsLeft(trx: DbOrTrx, userId: string, courseId: string) {
  const row = await trx
    .selectFrom("lesson")
    .select((eb) => eb.fn.countAll<string>().as("left"))
    .where("lesson.course_id", "=", courseId)
    .where("lesson.required", "=", true)
    .where("lesson.deleted_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("lesson_progress")
            .whereRef("lesson_progress.lesson_id", "=", "lesson.id")
            .where("lesson_progress.user_id", "=", userId)
            .where("lesson_progress.completed_at", "is not", null),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.left);
}

export async function setEnrolmentCompleted(trx: DbOrTrx, userId: string, courseId: string, at: Date) {
  const result = await trx
    .updateTable("enrolment")
    .set({ completed_at: at, updated_at: at })
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .where("completed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Courses the user has completed, for other domains (paths, badges, reports,
 * certificates): completion is stored on the enrolment when the last
 * required lesson is completed.
 */
export function listCompletedCourses(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("enrolment")
    .innerJoin("course", "course.id", "enrolment.course_id")
    .select(["course.id as courseId", "course.slug", "course.title", "enrolment.completed_at as completedAt"])
    .where("enrolment.user_id", "=", userId)
    .where("enrolment.completed_at", "is not", null)
    .orderBy("enrolment.completed_at", "desc")
    .execute() as Promise<{ courseId: string; slug: string; title: string; completedAt: Date }[]>;
}

/** Published courses by title, for pickers (a class linked to a course). */
export function listPublishedCourseTitles(db: DbOrTrx) {
  return db.selectFrom("course").select(["slug", "title"]).where("status", "=", "published").orderBy("title").execute();
}

/**
 * What a learner did in each of these courses, as evidence for a badge:
 * lessons done, minutes between opening each lesson and marking it done
 * (capped at two hours a lesson, a tab left open proves nothing), and the
 * lowest best score among the scored lessons.
 */
export function courseEffort(db: DbOrTrx, userId: string, slugs: string[]) {
  if (slugs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("lesson_progress")
    .innerJoin("course", "course.id", "lesson_progress.course_id")
    .select((eb) => [
      "course.slug",
      "course.title",
      eb.fn.count<string>("lesson_progress.completed_at").as("lessonsDone"),
      sql<string>`coalesce(sum(least(extract(epoch from (lesson_progress.completed_at - lesson_progress.started_at)), 7200)), 0)`.as("seconds"),
      eb.fn.min("lesson_progress.best_score").as("lowestScore"),
      eb.fn.count<string>("lesson_progress.best_score").as("scoredLessons"),
      eb.fn.min("lesson_progress.started_at").as("firstOpened"),
    ])
    .where("lesson_progress.user_id", "=", userId)
    .where("course.slug", "in", slugs)
    .groupBy(["course.slug", "course.title"])
    .execute();
}

/** A person's enrolments, lesson progress and authorships, for "download my data". */
export async function personalCourseData(db: DbOrTrx, userId: string) {
  const enrolments = await db
    .selectFrom("enrolment")
    .innerJoin("course", "course.id", "enrolment.course_id")
    .select(["course.slug", "course.title", "enrolment.enrolled_at", "enrolment.completed_at", "enrolment.updated_at"])
    .where("enrolment.user_id", "=", userId)
    .orderBy("enrolment.enrolled_at")
    .execute();
  const lessons = await db
    .selectFrom("lesson_progress")
    .innerJoin("lesson", "lesson.id", "lesson_progress.lesson_id")
    .innerJoin("course", "course.id", "lesson_progress.course_id")
    .select(["course.slug as course", "lesson.title as lesson", "lesson_progress.started_at", "lesson_progress.completed_at", "lesson_progress.best_score", "lesson_progress.last_position"])
    .where("lesson_progress.user_id", "=", userId)
    .orderBy("lesson_progress.started_at")
    .execute();
  const authored = await db
    .selectFrom("course_author")
    .innerJoin("course", "course.id", "course_author.course_id")
    .select(["course.slug", "course.title", "course.status", "course_author.added_at"])
    .where("course_author.user_id", "=", userId)
    .orderBy("course_author.added_at")
    .execute();
  return { enrolments, lessons, authored };
}
