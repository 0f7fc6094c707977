import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { TextArray } from "./places";

export type SchoolLevel =
  | "cp"
  | "ce1"
  | "ce2"
  | "cm1"
  | "cm2"
  | "sixieme"
  | "cinquieme"
  | "quatrieme"
  | "troisieme"
  | "seconde"
  | "premiere"
  | "terminale"
  | "superieur"
  | "autre";
export type TeamMode = "teacher" | "choice";
export type TaskStatus = "todo" | "doing" | "done";
export type ConsentMethod = "paper" | "email";
export type ReviewDecision = "returned" | "accepted" | "commented";

/** A tiptap document (JSON), sanitised by the courses allow-list before it is stored. */
export interface StoredDoc {
  type: "doc";
  content?: unknown[];
}
type Json<T> = ColumnType<T, T | string | undefined, T | string>;
/** `date` columns are written as "YYYY-MM-DD" and read back through `dateText()`. */
type DateColumn = ColumnType<Date | string, string, string>;

export interface SchoolClassTable {
  id: Generated<string>;
  name: string;
  school: string;
  level: SchoolLevel;
  /** "2026-2027". */
  school_year: string;
  join_code: string | null;
  teacher_id: string | null;
  pupil_counter: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  personal_data_purged_at: Date | null;
}

/** A pupil's seat in a class; `user_id` is unlinked (null) when personal data is purged. */
export interface ClassPupilTable {
  id: Generated<string>;
  class_id: string;
  user_id: string | null;
  number: number;
  joined_via: "code" | "import";
  joined_at: Generated<Date>;
}

export interface PupilProfileTable {
  user_id: string;
  birth_date: DateColumn;
  account_created_for_class_id: string | null;
  created_at: Generated<Date>;
}

export interface ParentalConsentTable {
  id: Generated<string>;
  pupil_user_id: string;
  class_id: string;
  /** The parent or guardian who gave it. */
  given_by: string;
  method: ConsentMethod;
  given_on: DateColumn;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
  withdrawn_at: Date | null;
}

export interface SchoolProjectTable {
  id: Generated<string>;
  class_id: string;
  title: string;
  brief: Json<StoredDoc>;
  competences: TextArray;
  team_mode: ColumnType<TeamMode, TeamMode | undefined, TeamMode>;
  max_team_size: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProjectClassTable {
  project_id: string;
  class_id: string;
  added_at: Generated<Date>;
}

export interface ProjectTeacherTable {
  project_id: string;
  user_id: string;
  role: "owner" | "co_teacher";
  added_at: Generated<Date>;
}

export interface ProjectMilestoneTable {
  id: Generated<string>;
  project_id: string;
  title: string;
  due_on: DateColumn;
  created_at: Generated<Date>;
}

export interface ProjectTeamTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface ProjectTeamMemberTable {
  project_id: string;
  team_id: string;
  pupil_id: string;
  joined_at: Generated<Date>;
}

export interface TeamDocumentTable {
  team_id: string;
  content: Json<StoredDoc>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Generated<Date>;
  updated_by_pupil_id: string | null;
}

export interface TeamDocumentRevisionTable {
  id: Generated<string>;
  team_id: string;
  kind: "saved" | "conflict";
  version: number | null;
  base_version: number;
  content: Json<StoredDoc>;
  saved_by_pupil_id: string | null;
  saved_at: Generated<Date>;
}

export interface TeamTaskTable {
  id: Generated<string>;
  team_id: string;
  title: string;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  assignee_pupil_id: string | null;
  created_by_pupil_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamAttachmentTable {
  id: Generated<string>;
  team_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  uploaded_by_pupil_id: string | null;
  uploaded_at: Generated<Date>;
  /** Deleted files wait 30 days (restorable) before the purge job removes them and their bytes. */
  deleted_at: Date | null;
  deleted_by: string | null;
}

/** Immutable (a trigger refuses UPDATE): a new version is a new row. */
export interface ProjectSubmissionTable {
  id: Generated<string>;
  team_id: string;
  milestone_id: string;
  version: number;
  document: Json<StoredDoc>;
  document_version: number;
  message: ColumnType<string, string | undefined, never>;
  submitted_by_pupil_id: string | null;
  submitted_at: Generated<Date>;
}

export interface SubmissionAttachmentTable {
  submission_id: string;
  attachment_id: string;
}

export interface SubmissionReviewTable {
  id: Generated<string>;
  submission_id: string;
  decision: ReviewDecision;
  comment: ColumnType<string, string | undefined, string>;
  reviewed_by: string | null;
  reviewed_at: Generated<Date>;
}

export interface PupilAssessmentTable {
  id: Generated<string>;
  review_id: string;
  pupil_id: string;
  competence: string;
  level: number;
}

export interface ProjectsTables {
  school_class: SchoolClassTable;
  class_pupil: ClassPupilTable;
  pupil_profile: PupilProfileTable;
  parental_consent: ParentalConsentTable;
  school_project: SchoolProjectTable;
  project_class: ProjectClassTable;
  project_teacher: ProjectTeacherTable;
  project_milestone: ProjectMilestoneTable;
  project_team: ProjectTeamTable;
  project_team_member: ProjectTeamMemberTable;
  team_document: TeamDocumentTable;
  team_document_revision: TeamDocumentRevisionTable;
  team_task: TeamTaskTable;
  team_attachment: TeamAttachmentTable;
  project_submission: ProjectSubmissionTable;
  submission_attachment: SubmissionAttachmentTable;
  submission_review: SubmissionReviewTable;
  pupil_assessment: PupilAssessmentTable;
}

export type SchoolClass = Selectable<SchoolClassTable>;
export type ClassPupil = Selectable<ClassPupilTable>;
export type SchoolProject = Selectable<SchoolProjectTable>;
export type NewSchoolProject = Insertable<SchoolProjectTable>;
export type ProjectTeam = Selectable<ProjectTeamTable>;
export type TeamTask = Selectable<TeamTaskTable>;
export type TeamAttachment = Selectable<TeamAttachmentTable>;
export type ProjectSubmission = Selectable<ProjectSubmissionTable>;
export type SubmissionReview = Selectable<SubmissionReviewTable>;
