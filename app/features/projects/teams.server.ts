import { sql } from "kysely";
import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { notFound, projectAccess, projectTeacherAccess, teamAccess } from "./access.server";
import { todayInParis } from "./dates";
import { labelPupil, type Viewer } from "./people";
import * as q from "./queries.server";

const UNIQUE_VIOLATION = "23505";

export async function createTeam(db: Db, user: User, projectId: string, name: string) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  try {
    return await db.transaction().execute(async (trx) => {
      const team = await trx.insertInto("project_team").values({ project_id: access.project.id, name }).returning("id").executeTakeFirstOrThrow();
      await trx.insertInto("team_document").values({ team_id: team.id }).execute();
      return team;
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw appError(409, "team_name_taken", "projects:errors.team_name_taken");
    throw error;
  }
}

/** A pupil of one of the project's classes, by seat, or 404. */
async function seatInProject(db: Db, projectId: string, seatId: string) {
  const seat = isUuid(seatId)
    ? await db
        .selectFrom("class_pupil")
        .innerJoin("project_class", "project_class.class_id", "class_pupil.class_id")
        .select(["class_pupil.id", "class_pupil.user_id"])
        .where("project_class.project_id", "=", projectId)
        .where("class_pupil.id", "=", seatId)
        .executeTakeFirst()
    : undefined;
  if (!seat || !seat.user_id) throw notFound("pupil");
  return seat;
}

/** The teacher puts a pupil in a team (or takes them out with teamId ""). */
export async function assignPupil(db: Db, user: User, projectId: string, input: { seatId: string; teamId: string }) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  const seat = await seatInProject(db, access.project.id, input.seatId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("project_team_member").where("project_id", "=", access.project.id).where("pupil_id", "=", seat.id).execute();
    if (input.teamId) {
      const team = await q.findTeam(trx, access.project.id, input.teamId);
      if (!team) throw notFound("team");
      await trx.insertInto("project_team_member").values({ project_id: access.project.id, team_id: team.id, pupil_id: seat.id }).execute();
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
  await db.transaction().execute(async (trx) => {
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
    await db.transaction().execute(async (trx) => {
      const team = isUuid(teamId)
        ? await trx.selectFrom("project_team").select("id").where("id", "=", teamId).where("project_id", "=", access.project.id).forUpdate().executeTakeFirst()
        : undefined;
      if (!team) throw notFound("team");
      const { n } = await trx
        .selectFrom("project_team_member")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("team_id", "=", team.id)
        .executeTakeFirstOrThrow();
      if (Number(n) >= access.project.max_team_size) throw appError(409, "team_full", "projects:errors.team_full");
      await trx.insertInto("project_team_member").values({ project_id: access.project.id, team_id: team.id, pupil_id: seatId }).execute();
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw appError(409, "already_in_team", "projects:errors.already_in_team");
    throw error;
  }
}

export async function teamMembers(db: Db, teamId: string, viewer: Viewer) {
  const seats = await db.selectFrom("project_team_member").select("pupil_id").where("team_id", "=", teamId).execute();
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
    db
      .selectFrom("team_task")
      .select(["id", "title", "status", "assignee_pupil_id", "updated_at"])
      .where("team_id", "=", team.id)
      .orderBy(sql`case status when 'doing' then 0 when 'todo' then 1 else 2 end`)
      .orderBy("created_at")
      .execute(),
    db
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
      .where("team_id", "=", team.id)
      .where("deleted_at", "is", null)
      .orderBy("uploaded_at", "desc")
      .execute(),
    db
      .selectFrom("team_attachment")
      .select(["id", "file_name", "deleted_at"])
      .where("team_id", "=", team.id)
      .where("deleted_at", "is not", null)
      .orderBy("deleted_at", "desc")
      .execute(),
    db
      .selectFrom("project_submission")
      .innerJoin("project_milestone", "project_milestone.id", "project_submission.milestone_id")
      .select((eb) => [
        "project_submission.id",
        "project_submission.version",
        "project_submission.submitted_at",
        "project_milestone.id as milestone_id",
        "project_milestone.title as milestone_title",
        eb
          .selectFrom("submission_review")
          .select("decision")
          .whereRef("submission_review.submission_id", "=", "project_submission.id")
          .orderBy("reviewed_at", "desc")
          .limit(1)
          .as("decision"),
      ])
      .where("project_submission.team_id", "=", team.id)
      .orderBy("project_submission.submitted_at", "desc")
      .execute(),
    db.selectFrom("team_document").select(["content", "version", "updated_at"]).where("team_id", "=", team.id).executeTakeFirst(),
    db
      .selectFrom("project_milestone")
      .select(["id", "title", q.dateText("due_on").as("dueOn")])
      .where("project_id", "=", project.id)
      .orderBy("due_on")
      .execute(),
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
