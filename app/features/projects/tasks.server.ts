import type { User } from "../../../db/schema/accounts";
import type { TaskStatus } from "../../../db/schema/projects";
import type { Db } from "../../lib/db.server";
import { notFound, teamMemberAccess } from "./access.server";

/** An assignee must be a member of the team ("" = nobody). */
async function checkAssignee(db: Db, teamId: string, seatId: string) {
  if (!seatId) return null;
  const member = await db.selectFrom("project_team_member").select("pupil_id").where("team_id", "=", teamId).where("pupil_id", "=", seatId).executeTakeFirst();
  if (!member) throw notFound("pupil");
  return seatId;
}

export async function addTask(db: Db, user: User, projectId: string, teamId: string, input: { title: string; assignee: string }) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const assignee = await checkAssignee(db, access.team.id, input.assignee);
  await db
    .insertInto("team_task")
    .values({ team_id: access.team.id, title: input.title, assignee_pupil_id: assignee, created_by_pupil_id: access.viewer.seatId })
    .execute();
}

export async function updateTask(db: Db, user: User, projectId: string, teamId: string, input: { taskId: string; status: TaskStatus; assignee: string }) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const assignee = await checkAssignee(db, access.team.id, input.assignee);
  const updated = await db
    .updateTable("team_task")
    .set({ status: input.status, assignee_pupil_id: assignee, updated_at: new Date() })
    .where("id", "=", input.taskId)
    .where("team_id", "=", access.team.id)
    .executeTakeFirst();
  if (!updated.numUpdatedRows) throw notFound("task");
}

export async function deleteTask(db: Db, user: User, projectId: string, teamId: string, taskId: string) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const deleted = await db.deleteFrom("team_task").where("id", "=", taskId).where("team_id", "=", access.team.id).executeTakeFirst();
  if (!deleted.numDeletedRows) throw notFound("task");
}
