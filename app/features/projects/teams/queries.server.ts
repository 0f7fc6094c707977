import { sql } from "kysely";
import type { TaskStatus } from "../../../../db/schema/projects";
import type { DbOrTrx } from "../../../lib/db.server";
import { dateText, latestDecision } from "../queries.server";

/** A team and its (empty) document, created together. */
export async function insertTeam(db: DbOrTrx, projectId: string, name: string) {
  const team = await db.insertInto("project_team").values({ project_id: projectId, name }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("team_document").values({ team_id: team.id }).execute();
  return team;
}

/** A pupil of one of the project's classes, by seat. */
export function findSeatInProject(db: DbOrTrx, projectId: string, seatId: string) {
  return db
    .selectFrom("class_pupil")
    .innerJoin("project_class", "project_class.class_id", "class_pupil.class_id")
    .select(["class_pupil.id", "class_pupil.user_id"])
    .where("project_class.project_id", "=", projectId)
    .where("class_pupil.id", "=", seatId)
    .executeTakeFirst();
}

export async function removeFromTeams(db: DbOrTrx, projectId: string, seatId: string) {
  await db.deleteFrom("project_team_member").where("project_id", "=", projectId).where("pupil_id", "=", seatId).execute();
}

export async function addTeamMember(db: DbOrTrx, projectId: string, teamId: string, seatId: string) {
  await db.insertInto("project_team_member").values({ project_id: projectId, team_id: teamId, pupil_id: seatId }).execute();
}

/** The project's team, its row locked until the transaction ends (counting its members against the limit). */
export function lockTeam(db: DbOrTrx, projectId: string, teamId: string) {
  return db.selectFrom("project_team").select("id").where("id", "=", teamId).where("project_id", "=", projectId).forUpdate().executeTakeFirst();
}

export async function countTeamMembers(db: DbOrTrx, teamId: string) {
  const { n } = await db
    .selectFrom("project_team_member")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("team_id", "=", teamId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export function memberSeats(db: DbOrTrx, teamId: string) {
  return db.selectFrom("project_team_member").select("pupil_id").where("team_id", "=", teamId).execute();
}

/** Doing first, then to do, then done; oldest first within each. */
export function teamTasks(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom("team_task")
    .select(["id", "title", "status", "assignee_pupil_id", "updated_at"])
    .where("team_id", "=", teamId)
    .orderBy(sql`case status when 'doing' then 0 when 'todo' then 1 else 2 end`)
    .orderBy("created_at")
    .execute();
}

/** The team's files, newest first, each marked if it was handed in with a submission. */
export function teamFiles(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom("team_attachment")
    .select((eb) => [
      "id",
      "file_name",
      "content_type",
      "size_bytes",
      "uploaded_at",
      "uploaded_by_pupil_id",
      eb.exists(eb.selectFrom("submission_attachment").select("submission_id").whereRef("submission_attachment.attachment_id", "=", "team_attachment.id")).as("handed_in"),
    ])
    .where("team_id", "=", teamId)
    .where("deleted_at", "is", null)
    .orderBy("uploaded_at", "desc")
    .execute();
}

/** Files in the team's trash, the latest deleted first. */
export function deletedTeamFiles(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom("team_attachment")
    .select(["id", "file_name", "deleted_at"])
    .where("team_id", "=", teamId)
    .where("deleted_at", "is not", null)
    .orderBy("deleted_at", "desc")
    .execute();
}

/** The team's submissions, newest first, with their milestone and latest decision. */
export function teamSubmissions(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom("project_submission")
    .innerJoin("project_milestone", "project_milestone.id", "project_submission.milestone_id")
    .select((eb) => [
      "project_submission.id",
      "project_submission.version",
      "project_submission.submitted_at",
      "project_milestone.id as milestone_id",
      "project_milestone.title as milestone_title",
      latestDecision(eb),
    ])
    .where("project_submission.team_id", "=", teamId)
    .orderBy("project_submission.submitted_at", "desc")
    .execute();
}

export function teamDocumentSummary(db: DbOrTrx, teamId: string) {
  return db.selectFrom("team_document").select(["content", "version", "updated_at"]).where("team_id", "=", teamId).executeTakeFirst();
}

export function milestonesOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("project_milestone")
    .select(["id", "title", dateText("due_on").as("dueOn")])
    .where("project_id", "=", projectId)
    .orderBy("due_on")
    .execute();
}

export function findTeamMember(db: DbOrTrx, teamId: string, seatId: string) {
  return db.selectFrom("project_team_member").select("pupil_id").where("team_id", "=", teamId).where("pupil_id", "=", seatId).executeTakeFirst();
}

export async function insertTask(db: DbOrTrx, task: { teamId: string; title: string; assignee: string | null; seatId: string }) {
  await db
    .insertInto("team_task")
    .values({ team_id: task.teamId, title: task.title, assignee_pupil_id: task.assignee, created_by_pupil_id: task.seatId })
    .execute();
}

/** Whether the team had that task to change. */
export async function updateTaskOfTeam(db: DbOrTrx, teamId: string, taskId: string, change: { status: TaskStatus; assignee: string | null }) {
  const updated = await db
    .updateTable("team_task")
    .set({ status: change.status, assignee_pupil_id: change.assignee, updated_at: new Date() })
    .where("id", "=", taskId)
    .where("team_id", "=", teamId)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Whether the team had that task to delete. */
export async function deleteTaskOfTeam(db: DbOrTrx, teamId: string, taskId: string) {
  const deleted = await db.deleteFrom("team_task").where("id", "=", taskId).where("team_id", "=", teamId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** The teams a person's seats belong to, with their projects (download my data). */
export function teamsOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("project_team_member")
    .innerJoin("class_pupil", "class_pupil.id", "project_team_member.pupil_id")
    .innerJoin("project_team", "project_team.id", "project_team_member.team_id")
    .innerJoin("school_project", "school_project.id", "project_team.project_id")
    .select(["school_project.title as project", "project_team.name as team"])
    .where("class_pupil.user_id", "=", userId)
    .execute();
}
