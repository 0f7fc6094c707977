import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { TextArray } from "./places";

export type CourseStatus = "draft" | "published";
export type CourseLevel = "debutant" | "intermediaire" | "avance";
export type Audience = "seniors" | "youth" | "job_seekers" | "business_owners" | "everyone";

/** A tiptap document as stored (validated and cleaned by the service before it gets here). */
export interface RichDoc {
  type: "doc";
  content?: unknown[];
}
/** Pass objects: postgres.js and PGlite encode jsonb parameters themselves (a string would be stored as a JSON string). */
type Json<T> = ColumnType<T, T | undefined, T>;

export interface CourseTable {
  id: Generated<string>;
  slug: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  /** "What you will learn", one line each. */
  objectives: TextArray;
  audiences: ColumnType<Audience[], Audience[] | undefined, Audience[]>;
  /** `thematique` codes of the national mediation vocabulary. */
  themes: TextArray;
  /** PIX competence codes ("4.1"). */
  competences: TextArray;
  level: ColumnType<CourseLevel, CourseLevel | undefined, CourseLevel>;
  /** Storage key of the cover; when set, cover_alt is required (a check constraint says so). */
  cover_image_key: string | null;
  cover_alt: string | null;
  status: ColumnType<CourseStatus, CourseStatus | undefined, CourseStatus>;
  published_at: Date | null;
  search_extra: ColumnType<string, string | undefined, string>;
  content_hash: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Generated tsvector; never written. */
  search: ColumnType<string, never, never>;
}

export interface CourseAuthorTable {
  course_id: string;
  user_id: string;
  added_at: Generated<Date>;
}

export interface CourseModuleTable {
  id: Generated<string>;
  course_id: string;
  position: number;
  title: string;
  source_key: string | null;
  /** In the course's trash since then (purged 30 days later); null when in use. */
  deleted_at: Date | null;
  deleted_by: string | null;
}

export interface LessonTable {
  id: Generated<string>;
  course_id: string;
  module_id: string;
  position: number;
  title: string;
  estimated_minutes: ColumnType<number, number | undefined, number>;
  body: Json<RichDoc>;
  /** Counts towards course completion. */
  required: ColumnType<boolean, boolean | undefined, boolean>;
  source_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** In the course's trash since then; a module's lessons share its `deleted_at` when they went with it. */
  deleted_at: Date | null;
  deleted_by: string | null;
  /** Plain text of the body, for the search (written with the body, see rich-text/plain-text.ts). */
  search_text: ColumnType<string, string | undefined, string>;
  /** Generated tsvector of title and search_text; never written. */
  search: ColumnType<string, never, never>;
}

export interface EnrolmentTable {
  user_id: string;
  course_id: string;
  enrolled_at: Generated<Date>;
  /** The lesson « Commencer » led to (before decision 042: the lesson last opened); "Reprendre" starts from here until a lesson is done. */
  last_lesson_id: string | null;
  /** Set once, in the transaction that completes the last required lesson. */
  completed_at: Date | null;
  updated_at: Generated<Date>;
}

export interface LessonProgressTable {
  user_id: string;
  lesson_id: string;
  course_id: string;
  started_at: Generated<Date>;
  completed_at: Date | null;
  /** Where the learner was inside the lesson (an anchor, an activity state key). */
  last_position: string | null;
  /** Best score 0..1 reported for the lesson (xAPI results), null when not scored. */
  best_score: number | null;
  updated_at: Generated<Date>;
}

/** The key that signs the lesson page's « opened at » time (one row, made by its migration). */
export interface CourseSigningKeyTable {
  id: number;
  secret: Buffer;
  created_at: Generated<Date>;
}

export interface CoursesTables {
  course: CourseTable;
  course_author: CourseAuthorTable;
  course_module: CourseModuleTable;
  lesson: LessonTable;
  enrolment: EnrolmentTable;
  lesson_progress: LessonProgressTable;
  course_signing_key: CourseSigningKeyTable;
}

export type Course = Selectable<CourseTable>;
export type NewCourse = Insertable<CourseTable>;
export type CourseUpdate = Updateable<CourseTable>;
export type CourseModule = Selectable<CourseModuleTable>;
export type Lesson = Selectable<LessonTable>;
export type NewLesson = Insertable<LessonTable>;
export type Enrolment = Selectable<EnrolmentTable>;
export type LessonProgress = Selectable<LessonProgressTable>;
