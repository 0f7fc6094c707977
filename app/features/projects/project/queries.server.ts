import type { StoredDoc, TeamMode } from "../../../../db/schema/projects";
import type { DbOrTrx } from "../../../lib/db.server";
import { dateText, jsonb, latestDecision } from "../queries.server";

export interface ProjectRow {
  title: string;
  brief: StoredDoc;
  competences: string[];
  teamMode: TeamMode;
  maxTeamSize: number;
}

export function insertProject(db: DbOrTrx, classId: string, createdBy: string, project: ProjectRow) {
  return db
    .insertInto("school_project")
    .values({
      class_id: classId,
      title: project.title,
      brief: jsonb(project.brief),
      competences: project.competences,
      team_mode: project.teamMode,
      max_team_size: project.maxTeamSize,
      created_by: createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateProjectRow(db: DbOrTrx, projectId: string, project: ProjectRow) {
  await db
    .updateTable("school_project")
    .set({
      title: project.title,
      brief: jsonb(project.brief),
      competences: project.competences,
      team_mode: project.teamMode,
      max_team_size: project.maxTeamSize,
      updated_at: new Date(),
    })
    .where("id", "=", projectId)
    .execute();
}

/** Shares the project with a class (nothing when it already is). */
export async function addProjectClass(db: DbOrTrx, projectId: string, classId: string, { ifMissing = false } = {}) {
  let query = db.insertInto("project_class").values({ project_id: projectId, class_id: classId });
  if (ifMissing) query = query.onConflict((oc) => oc.columns(["project_id", "class_id"]).doNothing());
  await query.execute();
}

/** Makes the person a teacher of the project (nothing, with `ifMissing`, when they already are). */
export async function addProjectTeacher(db: DbOrTrx, projectId: string, userId: string, role: "owner" | "co_teacher", { ifMissing = false } = {}) {
  let query = db.insertInto("project_teacher").values({ project_id: projectId, user_id: userId, role });
  if (ifMissing) query = query.onConflict((oc) => oc.columns(["project_id", "user_id"]).doNothing());
  await query.execute();
}

export async function insertMilestone(db: DbOrTrx, projectId: string, milestone: { title: string; dueOn: string }) {
  await db.insertInto("project_milestone").values({ project_id: projectId, title: milestone.title, due_on: milestone.dueOn }).execute();
}

/** The project's milestones by due date, then by creation. */
export function milestonesInOrder(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_milestone")
    .select(["id", "title", dateText("due_on").as("dueOn")])
    .where("project_id", "=", projectId)
    .orderBy("due_on")
    .orderBy("created_at")
    .execute();
}

export function teamsByName(db: DbOrTrx, projectId: string) {
  return db.selectFrom("project_team").select(["id", "name"]).where("project_id", "=", projectId).orderBy("name").execute();
}

export function teamMembersOfProject(db: DbOrTrx, projectId: string) {
  return db.selectFrom("project_team_member").select(["team_id", "pupil_id"]).where("project_id", "=", projectId).execute();
}

/** The classes sharing the project, in the order they joined it. */
export function classesOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_class")
    .innerJoin("school_class", "school_class.id", "project_class.class_id")
    .select(["school_class.id", "school_class.name", "school_class.school", "school_class.teacher_id"])
    .where("project_class.project_id", "=", projectId)
    .orderBy("project_class.added_at")
    .execute();
}

export function teachersOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_teacher")
    .innerJoin("app_user", "app_user.id", "project_teacher.user_id")
    .select(["app_user.id", "app_user.first_name", "app_user.last_name", "project_teacher.role"])
    .where("project_teacher.project_id", "=", projectId)
    .orderBy("project_teacher.added_at")
    .execute();
}

/** The teacher's running classes other than `exceptIds`. */
export function otherOpenClassesOfTeacher(db: DbOrTrx, teacherId: string, exceptIds: string[]) {
  return db
    .selectFrom("school_class")
    .select(["id", "name", "school"])
    .where("teacher_id", "=", teacherId)
    .where("archived_at", "is", null)
    .where("id", "not in", exceptIds)
    .execute();
}

/** Every submission of the project's teams, the latest first, with its team, milestone and latest decision. */
export function submissionsOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_submission")
    .innerJoin("project_team", "project_team.id", "project_submission.team_id")
    .innerJoin("project_milestone", "project_milestone.id", "project_submission.milestone_id")
    .select((eb) => [
      "project_submission.id",
      "project_submission.version",
      "project_submission.submitted_at",
      "project_team.id as team_id",
      "project_team.name as team_name",
      "project_milestone.title as milestone_title",
      latestDecision(eb),
    ])
    .where("project_team.project_id", "=", projectId)
    .orderBy("project_submission.submitted_at", "desc")
    .execute();
}

export async function milestoneHasSubmissions(db: DbOrTrx, milestoneId: string) {
  const used = await db.selectFrom("project_submission").select("id").where("milestone_id", "=", milestoneId).executeTakeFirst();
  return !!used;
}

/** Whether the project had that milestone to delete. */
export async function deleteMilestoneOfProject(db: DbOrTrx, projectId: string, milestoneId: string) {
  const deleted = await db.deleteFrom("project_milestone").where("id", "=", milestoneId).where("project_id", "=", projectId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export function findUserByEmail(db: DbOrTrx, email: string) {
  return db.selectFrom("app_user").select(["id", "role"]).where("email", "=", email).executeTakeFirst();
}

/** The export: the project's classes, its teams' documents and every submission, oldest version first. */
export function classNamesOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_class")
    .innerJoin("school_class", "school_class.id", "project_class.class_id")
    .select(["school_class.name", "school_class.school", "school_class.school_year"])
    .where("project_class.project_id", "=", projectId)
    .execute();
}

export function documentsOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("team_document")
    .innerJoin("project_team", "project_team.id", "team_document.team_id")
    .select(["team_document.team_id", "team_document.content", "team_document.version"])
    .where("project_team.project_id", "=", projectId)
    .execute();
}

export function submissionVersionsOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_submission")
    .innerJoin("project_team", "project_team.id", "project_submission.team_id")
    .select((eb) => [
      "project_submission.id",
      "project_submission.team_id",
      "project_submission.milestone_id",
      "project_submission.version",
      "project_submission.submitted_at",
      latestDecision(eb),
    ])
    .where("project_team.project_id", "=", projectId)
    .orderBy("project_submission.version")
    .execute();
}
