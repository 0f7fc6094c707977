import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/types";
import type { QuestionVisibility } from "../../../db/schema/questions";
import type { DbOrTrx } from "../../lib/db.server";

/** A lesson of a published course, found by the course's slug and the lesson's id. */
export function findOpenLesson(db: DbOrTrx, slug: string, lessonId: string) {
  return db
    .selectFrom("lesson")
    .innerJoin("course", "course.id", "lesson.course_id")
    .select(["lesson.id", "lesson.title", "course.id as course_id", "course.slug", "course.title as course_title"])
    .where("course.slug", "=", slug)
    .where("lesson.id", "=", lessonId)
    .where("lesson.deleted_at", "is", null)
    .where("course.status", "=", "published")
    .executeTakeFirst();
}

export function insertQuestion(
  db: DbOrTrx,
  v: { courseId: string; lessonId: string; askerId: string; body: string; visibility: QuestionVisibility; fromPupil: boolean },
) {
  return db
    .insertInto("lesson_question")
    .values({ course_id: v.courseId, lesson_id: v.lessonId, asker_id: v.askerId, body: v.body, visibility: v.visibility, from_pupil: v.fromPupil })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

/**
 * Who may answer a question, as one SQL condition (so the queue and every
 * verb agree): a pupil's question, only a teacher of one of their classes;
 * any other, an author of the course — or, with `sharedCourses`, anyone
 * for a course without authors (the community's own), or, with `anyCourse`,
 * every tutor.
 */
export interface TutorScope {
  anyCourse: boolean;
  sharedCourses: boolean;
}

function answerableBy(staffId: string, { anyCourse, sharedCourses }: TutorScope) {
  const authors = (eb: ExpressionBuilder<Database, "lesson_question">) =>
    eb.selectFrom("course_author").select("course_author.user_id").whereRef("course_author.course_id", "=", "lesson_question.course_id");
  return (eb: ExpressionBuilder<Database, "lesson_question">) =>
    eb.or([
      eb.and([
        eb("lesson_question.from_pupil", "=", true),
        eb.exists(
          eb
            .selectFrom("class_pupil")
            .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
            .select("class_pupil.id")
            .whereRef("class_pupil.user_id", "=", "lesson_question.asker_id")
            .where("school_class.teacher_id", "=", staffId),
        ),
      ]),
      eb.and([
        eb("lesson_question.from_pupil", "=", false),
        anyCourse
          ? sql<boolean>`true`
          : eb.or([eb.exists(authors(eb).where("course_author.user_id", "=", staffId)), sharedCourses ? eb.not(eb.exists(authors(eb))) : sql<boolean>`false`]),
      ]),
    ]);
}

const queueColumns = [
  "lesson_question.id",
  "lesson_question.body",
  "lesson_question.visibility",
  "lesson_question.from_pupil",
  "lesson_question.answer",
  "lesson_question.answered_at",
  "lesson_question.published_at",
  "lesson_question.created_at",
  "lesson_question.lesson_id",
  "lesson.title as lesson_title",
  "course.slug as course_slug",
  "course.title as course_title",
  "asker.first_name as asker_name",
] as const;

/** Open questions and answered public ones waiting for approval, that this person may answer. */
export function listQueue(db: DbOrTrx, staffId: string, scope: TutorScope) {
  return db
    .selectFrom("lesson_question")
    .innerJoin("lesson", "lesson.id", "lesson_question.lesson_id")
    .innerJoin("course", "course.id", "lesson_question.course_id")
    .innerJoin("app_user as asker", "asker.id", "lesson_question.asker_id")
    .select(queueColumns)
    .where(answerableBy(staffId, scope))
    .where((eb) =>
      eb.or([eb("lesson_question.answered_at", "is", null), eb.and([eb("lesson_question.visibility", "=", "learners"), eb("lesson_question.published_at", "is", null)])]),
    )
    .orderBy("course.title")
    .orderBy("lesson_question.created_at")
    .limit(200)
    .execute();
}

/** One question this person may answer, locked for the change; undefined otherwise. */
export function lockAnswerableQuestion(db: DbOrTrx, staffId: string, scope: TutorScope, questionId: string) {
  return db
    .selectFrom("lesson_question")
    .innerJoin("lesson", "lesson.id", "lesson_question.lesson_id")
    .innerJoin("course", "course.id", "lesson_question.course_id")
    .innerJoin("app_user as asker", "asker.id", "lesson_question.asker_id")
    .select([...queueColumns, "lesson_question.asker_id"])
    .where("lesson_question.id", "=", questionId)
    .where(answerableBy(staffId, scope))
    .forUpdate("lesson_question")
    .executeTakeFirst();
}

export async function saveAnswer(db: DbOrTrx, questionId: string, answer: string, staffId: string) {
  await db
    .updateTable("lesson_question")
    .set({ answer, answered_by: staffId, answered_at: sql`now()` })
    .where("id", "=", questionId)
    .execute();
}

export async function publishQuestion(db: DbOrTrx, questionId: string, staffId: string) {
  await db
    .updateTable("lesson_question")
    .set({ published_at: sql`now()`, published_by: staffId })
    .where("id", "=", questionId)
    .where("published_at", "is", null)
    .execute();
}

const lessonColumns = [
  "lesson_question.id",
  "lesson_question.body",
  "lesson_question.visibility",
  "lesson_question.answer",
  "lesson_question.answered_at",
  "lesson_question.published_at",
  "lesson_question.created_at",
] as const;

/** A person's own questions on a lesson, whatever their state. */
export function listOwnQuestions(db: DbOrTrx, userId: string, lessonId: string) {
  return db
    .selectFrom("lesson_question")
    .select(lessonColumns)
    .where("lesson_id", "=", lessonId)
    .where("asker_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Answered public questions a tutor approved, with how many found them useful. */
export function listPublishedQuestions(db: DbOrTrx, lessonId: string, viewerId: string | null) {
  return db
    .selectFrom("lesson_question")
    .select(lessonColumns)
    .select((eb) => [
      eb.selectFrom("lesson_question_useful as u").select((e) => e.fn.countAll<string>().as("n")).whereRef("u.question_id", "=", "lesson_question.id").as("useful_count"),
      viewerId
        ? eb
            .exists(eb.selectFrom("lesson_question_useful as mine").select("mine.user_id").whereRef("mine.question_id", "=", "lesson_question.id").where("mine.user_id", "=", viewerId))
            .as("found_useful")
        : sql<boolean>`false`.as("found_useful"),
    ])
    .where("lesson_id", "=", lessonId)
    .where("published_at", "is not", null)
    .where("from_pupil", "=", false)
    .orderBy("published_at", "desc")
    .limit(50)
    .execute();
}

/** A published question of this lesson, or undefined. */
export function findPublishedQuestion(db: DbOrTrx, lessonId: string, questionId: string) {
  return db
    .selectFrom("lesson_question")
    .select(["id", "asker_id"])
    .where("id", "=", questionId)
    .where("lesson_id", "=", lessonId)
    .where("published_at", "is not", null)
    .where("from_pupil", "=", false)
    .executeTakeFirst();
}

export async function markUseful(db: DbOrTrx, questionId: string, userId: string) {
  await db
    .insertInto("lesson_question_useful")
    .values({ question_id: questionId, user_id: userId })
    .onConflict((oc) => oc.columns(["question_id", "user_id"]).doNothing())
    .execute();
}

/** The tutors to tell about a new question: the course's authors, or a pupil's teachers. */
export async function tutorsOf(db: DbOrTrx, courseId: string, askerId: string, fromPupil: boolean) {
  const rows = fromPupil
    ? await db
        .selectFrom("class_pupil")
        .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
        .select("school_class.teacher_id as user_id")
        .where("class_pupil.user_id", "=", askerId)
        .where("school_class.teacher_id", "is not", null)
        .where("school_class.archived_at", "is", null)
        .distinct()
        .execute()
    : await db.selectFrom("course_author").select("user_id").where("course_id", "=", courseId).execute();
  return rows.flatMap((r) => (r.user_id ? [r.user_id] : []));
}

export function questionsForExport(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("lesson_question")
    .innerJoin("lesson", "lesson.id", "lesson_question.lesson_id")
    .select(["lesson.title as lesson", "lesson_question.body", "lesson_question.visibility", "lesson_question.answer", "lesson_question.created_at", "lesson_question.answered_at"])
    .where("asker_id", "=", userId)
    .orderBy("lesson_question.created_at")
    .execute();
}
