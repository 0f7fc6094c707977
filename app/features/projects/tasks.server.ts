import type { User } from "../../../db/schema/accounts";
import type { TaskStatus } from "../../../db/schema/projects";
import type { Db } from "../../lib/db.server";
import { notFound, teamMemberAccess } from "./access.server";
import * as q from "./teams/queries.server";

/** An assignee must be a member of the team ("" = nobody). */
async function checkAssignee(db: Db, teamId: string, seatId: string) {
  if (!seatId) return null;
  const member = await q.findTeamMember(db, teamId, seatId);
  if (!member) throw notFound("pupil");
  return seatId;
}

export async function addTask(db: Db, user: User, projectId: string, teamId: string, input: { title: string; assignee: string }) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const assignee = await checkAssignee(db, access.team.id, input.assignee);
  await q.insertTask(db, { teamId: access.team.id, title: input.title, assignee, seatId: access.viewer.seatId });
}

export async function updateTask(db: Db, user: User, projectId: string, teamId: string, input: { taskId: string; status: TaskStatus; assignee: string }) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const assignee = await checkAssignee(db, access.team.id, input.assignee);
  if (!(await q.updateTaskOfTeam(db, access.team.id, input.taskId, { status: input.status, assignee }))) throw notFound("task");
}

export async function deleteTask(db: Db, user: User, projectId: string, teamId: string, taskId: string) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  if (!(await q.deleteTaskOfTeam(db, access.team.id, taskId))) throw notFound("task");
}
