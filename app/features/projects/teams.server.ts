import type { User } from "../../../db/schema/accounts";
import { type Db, withRetryingTransaction } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { notFound, projectAccess, projectTeacherAccess, teamAccess } from "./access.server";
import { todayInParis } from "./dates";
import { labelPupil, type Viewer } from "./people";
import * as q from "./queries.server";
import * as tq from "./teams/queries.server";

const UNIQUE_VIOLATION = "23505";

export async function createTeam(db: Db, user: User, projectId: string, name: string) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  try {
    return await withRetryingTransaction(db, async (trx) => {
      return tq.insertTeam(trx, access.project.id, name);
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw appError(409, "team_name_taken", "projects:errors.team_name_taken");
    throw error;
  }
}

/** A pupil of one of the project's classes, by seat, or 404. */
async function seatInProject(db: Db, projectId: string, seatId: string) {
  const seat = isUuid(seatId) ? await tq.findSeatInProject(db, projectId, seatId) : undefined;
  if (!seat || !seat.user_id) throw notFound("pupil");
  return seat;
}

/** The teacher puts a pupil in a team (or takes them out with teamId ""). */
export async function assignPupil(db: Db, user: User, projectId: string, input: { seatId: string; teamId: string }) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  const seat = await seatInProject(db, access.project.id, input.seatId);
  await withRetryingTransaction(db, async (trx) => {
    await tq.removeFromTeams(trx, access.project.id, seat.id);
    if (input.teamId) {
      const team = await q.findTeam(trx, access.project.id, input.teamId);
      if (!team) throw notFound("team");
      await tq.addTeamMember(trx, access.project.id, team.id, seat.id);
    }
  });
}

/**
 * The teacher places every pupil at once (one form, one submit): all seats and
 * teams are checked to belong to the project, then the memberships are
 * replaced in one transaction — a bad row writes nothing.
 */
export async function assignTeams(db: Db, user: User, projectId: string, assignments: { seatId: string; teamId: string }[]) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  const seatIds = [...new Set(assignments.map((a) => a.seatId))];
  if (seatIds.length !== assignments.length) throw appError(400, "duplicate_pupil", "projects:errors.assign_duplicate");
  await withRetryingTransaction(db, async (trx) => {
    const seats = await q.seatsInProject(trx, access.project.id, seatIds);
    if (seats.length !== seatIds.length) throw notFound("pupil");
    const teams = new Set((await q.teamIdsOfProject(trx, access.project.id)).map((t) => t.id));
    if (assignments.some((a) => a.teamId && !teams.has(a.teamId))) throw notFound("team");
    await q.replaceTeamMemberships(trx, access.project.id, assignments);
  });
  return { placed: assignments.filter((a) => a.teamId).length };
}

/**
 * In "pupils choose" mode, a pupil without a team joins one that still has
 * room. The team row is locked while counting, so two pupils cannot take
 * the last place together.
 */
export async function chooseTeam(db: Db, user: User, projectId: string, teamId: string) {
  const access = await projectAccess(db, user, projectId);
  if (access.viewer.kind !== "pupil") throw forbidden();
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  if (access.project.team_mode !== "choice") throw appError(409, "teams_by_teacher", "projects:errors.teams_by_teacher");
  if (access.teamId) throw appError(409, "already_in_team", "projects:errors.already_in_team");
  const seatId = access.viewer.seatId;
  try {
    // The team row is locked while counting its members: a deadlock or serialization failure is retried.
    await withRetryingTransaction(db, async (trx) => {
      const team = isUuid(teamId) ? await tq.lockTeam(trx, access.project.id, teamId) : undefined;
      if (!team) throw notFound("team");
      if ((await tq.countTeamMembers(trx, team.id)) >= access.project.max_team_size) throw appError(409, "team_full", "projects:errors.team_full");
      await tq.addTeamMember(trx, access.project.id, team.id, seatId);
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw appError(409, "already_in_team", "projects:errors.already_in_team");
    throw error;
  }
}

export async function teamMembers(db: Db, teamId: string, viewer: Viewer) {
  const seats = await tq.memberSeats(db, teamId);
  const today = todayInParis();
  return (await q.pupilRows(db, { seatIds: seats.map((s) => s.pupil_id) })).map((r) => labelPupil(r, viewer, today));
}

/** Labels for seats that may have left the team since (authors of old tasks, files, versions). */
export async function seatLabels(db: Db, seatIds: (string | null)[], viewer: Viewer) {
  const ids = [...new Set(seatIds.filter((s): s is string => !!s))];
  const today = todayInParis();
  const rows = await q.pupilRows(db, { seatIds: ids });
  return new Map(rows.map((r) => [r.seatId, labelPupil(r, viewer, today)]));
}

/** The team space: members, tasks, files, submissions and the document's current version. */
export async function getTeamSpace(db: Db, user: User, projectId: string, teamId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  const { team, project, viewer } = access;
  const [members, tasks, files, deletedFiles, submissions, document, steps] = await Promise.all([
    teamMembers(db, team.id, viewer),
    tq.teamTasks(db, team.id),
    tq.teamFiles(db, team.id),
    tq.deletedTeamFiles(db, team.id),
    tq.teamSubmissions(db, team.id),
    tq.teamDocumentSummary(db, team.id),
    tq.milestonesOfProject(db, project.id),
  ]);
  const uploaders = await seatLabels(db, files.map((f) => f.uploaded_by_pupil_id), viewer);
  // A milestone whose last submission was accepted is closed for this team.
  const accepted = new Set(submissions.filter((s) => s.decision === "accepted").map((s) => s.milestone_id));
  return {
    viewerKind: viewer.kind,
    readOnly: access.readOnly,
    project: { id: project.id, title: project.title },
    team: { id: team.id, name: team.name },
    members,
    tasks,
    files: files.map(({ uploaded_by_pupil_id, ...f }) => ({ ...f, uploadedBy: uploaded_by_pupil_id ? (uploaders.get(uploaded_by_pupil_id) ?? null) : null })),
    deletedFiles,
    submissions,
    milestones: steps.map((m) => ({ ...m, open: !accepted.has(m.id) })),
    document: document ?? { content: { type: "doc", content: [] }, version: 0, updated_at: null },
  };
}
