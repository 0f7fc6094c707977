import type { User } from "../../../db/schema/accounts";
import type { QuestionVisibility } from "../../../db/schema/questions";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { notify } from "../notifications/service.server";
import { isPupil } from "../projects/consent.server";
import * as q from "./queries.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lessonNotFound = () => appError(404, "not_found", "questions:errors.lesson_not_found");
const questionNotFound = () => appError(404, "not_found", "questions:errors.question_not_found");

function requireAsker(user: User) {
  if (!can(user, "ask:question:own")) throw appError(403, "forbidden", "questions:errors.forbidden");
}

/**
 * Who answers, and over which courses: `any` for every course; otherwise the
 * courses one authors, and for mediators the community's courses that have
 * no author (pupils' questions: their teachers only, whatever the scope).
 */
function tutorScope(user: User): q.TutorScope {
  if (can(user, "answer:question:any")) return { anyCourse: true, sharedCourses: true };
  if (can(user, "answer:question:own")) return { anyCourse: false, sharedCourses: can(user, "answer:shared_course_question:any") };
  throw appError(403, "forbidden", "questions:errors.forbidden");
}

export const canAnswerQuestions = (user: Pick<User, "role"> | null) => can(user, "answer:question:own");

async function openLesson(db: DbOrTrx, slug: string, lessonId: string) {
  if (!UUID.test(lessonId)) throw lessonNotFound();
  const lesson = await q.findOpenLesson(db, slug, lessonId);
  if (!lesson) throw lessonNotFound();
  return lesson;
}

/** The « ask a question » page: the lesson, whether the asker is a pupil (no public choice), and their questions on it. */
export async function getAskPage(db: DbOrTrx, user: User, slug: string, lessonId: string) {
  requireAsker(user);
  const lesson = await openLesson(db, slug, lessonId);
  return { lesson, pupil: await isPupil(db, user.id), mine: await q.listOwnQuestions(db, user.id, lesson.id) };
}

/**
 * A learner's question on a lesson. A pupil's is always private and goes to
 * their teachers; anyone else's goes to the course's authors, who are told.
 */
export async function askQuestion(db: Db, user: User, slug: string, lessonId: string, input: { body: string; visibility: QuestionVisibility }) {
  requireAsker(user);
  return db.transaction().execute(async (trx) => {
    const lesson = await openLesson(trx, slug, lessonId);
    const fromPupil = await isPupil(trx, user.id);
    const { id } = await q.insertQuestion(trx, {
      courseId: lesson.course_id,
      lessonId: lesson.id,
      askerId: user.id,
      body: input.body,
      visibility: fromPupil ? "tutors" : input.visibility,
      fromPupil,
    });
    for (const tutorId of await q.tutorsOf(trx, lesson.course_id, user.id, fromPupil)) {
      if (tutorId === user.id) continue;
      await notify(trx, { userId: tutorId, kind: "question_asked", messageKey: "questions:notification.asked", values: { lesson: lesson.title }, target: { route: "questionQueue", hash: `question-${id}` }, dedupeKey: `question-asked:${id}:${tutorId}` });
    }
    return { id, lesson };
  });
}

/** What the lesson page shows: the person's own questions and the approved public ones. */
export async function lessonQuestions(db: DbOrTrx, user: User | null, lessonId: string) {
  if (!UUID.test(lessonId)) return { mine: [], published: [] };
  const [mine, published] = await Promise.all([
    user && can(user, "ask:question:own") ? q.listOwnQuestions(db, user.id, lessonId) : Promise.resolve([]),
    q.listPublishedQuestions(db, lessonId, user?.id ?? null),
  ]);
  return { mine, published: published.map((p) => ({ ...p, useful_count: Number(p.useful_count ?? 0), found_useful: !!p.found_useful })) };
}

/** « Cette réponse m'a aidé » — once per person; one's own question does not count. */
export async function markQuestionUseful(db: DbOrTrx, user: User, slug: string, lessonId: string, questionId: string) {
  requireAsker(user);
  const lesson = await openLesson(db, slug, lessonId);
  const question = await q.findPublishedQuestion(db, lesson.id, questionId);
  if (!question) throw questionNotFound();
  if (question.asker_id !== user.id) await q.markUseful(db, question.id, user.id);
}

/** The tutors' queue: open questions, and answered public ones waiting for approval. */
export async function getQuestionQueue(db: DbOrTrx, user: User) {
  const rows = await q.listQueue(db, user.id, tutorScope(user));
  const courses = new Map<string, { slug: string; title: string; open: typeof rows; toApprove: typeof rows }>();
  for (const row of rows) {
    const course = courses.get(row.course_slug) ?? { slug: row.course_slug, title: row.course_title, open: [], toApprove: [] };
    (row.answered_at ? course.toApprove : course.open).push(row);
    courses.set(row.course_slug, course);
  }
  return { courses: [...courses.values()], openCount: rows.filter((r) => !r.answered_at).length };
}

async function lockForTutor(trx: DbOrTrx, user: User, questionId: string) {
  const scope = tutorScope(user);
  if (!UUID.test(questionId)) throw questionNotFound();
  const question = await q.lockAnswerableQuestion(trx, user.id, scope, questionId);
  if (!question) throw questionNotFound();
  return question;
}

/**
 * A tutor's answer; the asker is told (in the list, and by e-mail as they
 * chose). Answering again corrects the answer and tells them once more.
 * A public question answered the first time may be approved at once.
 */
export async function answerQuestion(db: Db, user: User, questionId: string, input: { answer: string; publish: boolean }) {
  return withRetryingTransaction(db, async (trx) => {
    const question = await lockForTutor(trx, user, questionId);
    await q.saveAnswer(trx, question.id, input.answer, user.id);
    if (input.publish && question.visibility === "learners" && !question.from_pupil) await q.publishQuestion(trx, question.id, user.id);
    await notify(trx, {
      userId: question.asker_id,
      kind: "question_answered",
      messageKey: "questions:notification.answered",
      values: { lesson: question.lesson_title },
      target: { route: "lesson", params: { slug: question.course_slug, lessonId: question.lesson_id }, hash: `question-${question.id}` },
    });
  });
}

/** Moderation: an answered public question is shown under the lesson once a tutor approves it. */
export async function approveQuestion(db: Db, user: User, questionId: string) {
  return withRetryingTransaction(db, async (trx) => {
    const question = await lockForTutor(trx, user, questionId);
    if (!question.answered_at || question.visibility !== "learners" || question.from_pupil) {
      throw appError(409, "not_publishable", "questions:errors.not_publishable");
    }
    await q.publishQuestion(trx, question.id, user.id);
  });
}
