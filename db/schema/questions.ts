import type { Generated, Selectable } from "kysely";

export type QuestionVisibility = "tutors" | "learners";

/** A learner's question on a lesson, answered by the course's tutors (or a pupil's teachers). */
export interface LessonQuestionTable {
  id: Generated<string>;
  course_id: string;
  lesson_id: string;
  asker_id: string;
  body: string;
  /** tutors: private to those who answer; learners: may be shown under the lesson once answered and approved. */
  visibility: QuestionVisibility;
  /** Asked by a pupil of a school class: only their teachers see it, never published. */
  from_pupil: Generated<boolean>;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  /** Approved by a tutor: shown under the lesson. */
  published_at: Date | null;
  published_by: string | null;
  created_at: Generated<Date>;
}

export interface LessonQuestionUsefulTable {
  question_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface QuestionsTables {
  lesson_question: LessonQuestionTable;
  lesson_question_useful: LessonQuestionUsefulTable;
}

export type LessonQuestion = Selectable<LessonQuestionTable>;
