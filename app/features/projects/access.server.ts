import type { User } from "../../../db/schema/accounts";
import type { SchoolClass, SchoolProject } from "../../../db/schema/projects";
import type { DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import type { Viewer } from "./people";
import * as q from "./queries.server";

/*
 * Who may see what, decided here and nowhere else. Anything outside a
 * user's classes, projects or team is "not found" (404): the answer does
 * not even confirm that it exists.
 */

/** A 404 with the projects namespace's message for that kind of object. */
export const notFound = (what: "class" | "project" | "team" | "submission" | "file" | "revision" | "task" | "pupil" | "milestone") =>
  appError(404, "not_found", `projects:errors.not_found.${what}`);
export const projectNotFound = () => notFound("project");

/** The class of a teacher (its creator), or 404. */
export async function teacherClass(db: DbOrTrx, user: User, classId: string): Promise<SchoolClass> {
  if (!can(user, "manage:school_class:own")) throw forbidden();
  const found = isUuid(classId) ? await q.findClass(db, classId) : undefined;
  if (!found || found.teacher_id !== user.id) throw notFound("class");
  return found;
}

export function requireOpenClass(schoolClass: Pick<SchoolClass, "archived_at">) {
  if (schoolClass.archived_at) throw appError(409, "class_archived", "projects:errors.class_archived");
}

export interface ProjectAccess {
  project: SchoolProject;
  viewer: Viewer;
  /** Teachers: owner (the project's class) or co-teacher (a shared class). */
  teacherRole: "owner" | "co_teacher" | null;
  /** The pupil's team in this project, if any. */
  teamId: string | null;
  /** Archived class: everything can be read, nothing changed. */
  readOnly: boolean;
}

export async function projectAccess(db: DbOrTrx, user: User, projectId: string): Promise<ProjectAccess> {
  const project = isUuid(projectId) ? await q.findProject(db, projectId) : undefined;
  if (!project) throw projectNotFound();
  const teacher = await q.findProjectTeacher(db, project.id, user.id);
  if (teacher) {
    const ownClass = await q.findClass(db, project.class_id);
    return {
      project,
      viewer: { kind: "teacher", userId: user.id },
      teacherRole: teacher.role,
      teamId: null,
      readOnly: !!ownClass?.archived_at,
    };
  }
  const seat = await q.findPupilSeatInProject(db, project.id, user.id);
  if (!seat) throw projectNotFound();
  return {
    project,
    viewer: { kind: "pupil", userId: user.id, seatId: seat.id },
    teacherRole: null,
    teamId: seat.team_id,
    readOnly: !!seat.archived_at,
  };
}

export async function projectTeacherAccess(db: DbOrTrx, user: User, projectId: string) {
  const access = await projectAccess(db, user, projectId);
  if (access.viewer.kind !== "teacher") throw forbidden();
  return access as ProjectAccess & { viewer: { kind: "teacher"; userId: string } };
}

/** A team of the project: its teachers see every team, a pupil only their own (else 404). */
export async function teamAccess(db: DbOrTrx, user: User, projectId: string, teamId: string) {
  const access = await projectAccess(db, user, projectId);
  const team = isUuid(teamId) ? await q.findTeam(db, access.project.id, teamId) : undefined;
  if (!team) throw notFound("team");
  if (access.viewer.kind === "pupil" && access.teamId !== team.id) throw notFound("team");
  return { ...access, team };
}

/** Only the team's pupils write in their space (teachers read and give feedback). */
export async function teamMemberAccess(db: DbOrTrx, user: User, projectId: string, teamId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  if (access.viewer.kind !== "pupil") throw forbidden();
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  return access as typeof access & { viewer: { kind: "pupil"; userId: string; seatId: string } };
}
