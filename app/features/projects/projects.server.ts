import { can } from "../../lib/permissions";
import type { User } from "../../../db/schema/accounts";
import type { StoredDoc, TeamMode } from "../../../db/schema/projects";
import { type Db, withRetryingTransaction } from "../../lib/db.server";
import { appError, forbidden, FieldError, isAppError } from "../../lib/errors";
import { requireOpenClass, notFound, projectAccess, projectTeacherAccess, teacherClass } from "./access.server";
import { todayInParis } from "./dates";
import { labelPupil } from "./people";
import * as pq from "./project/queries.server";
import * as q from "./queries.server";
import { documentFromInput } from "./rich.server";

export interface ProjectInput {
  title: string;
  brief?: string;
  briefJson?: string;
  competences: string[];
  teamMode: TeamMode;
  maxTeamSize: number;
}

export async function createProject(
  db: Db,
  user: User,
  input: ProjectInput & { classId: string; milestoneTitle?: string; milestoneDue?: string },
) {
  const schoolClass = await teacherClass(db, user, input.classId);
  requireOpenClass(schoolClass);
  const brief = briefOfNewProject(input);
  return withRetryingTransaction(db, async (trx) => {
    const project = await pq.insertProject(trx, schoolClass.id, user.id, projectRow(input, brief));
    await pq.addProjectClass(trx, project.id, schoolClass.id);
    await pq.addProjectTeacher(trx, project.id, user.id, "owner");
    if (input.milestoneTitle && input.milestoneDue) {
      await pq.insertMilestone(trx, project.id, { title: input.milestoneTitle, dueOn: input.milestoneDue });
    }
    return project;
  });
}

function projectRow(input: ProjectInput, brief: StoredDoc): pq.ProjectRow {
  return { title: input.title, brief, competences: [...new Set(input.competences)], teamMode: input.teamMode, maxTeamSize: input.maxTeamSize };
}

/** On the new-project page an unreadable brief is shown beside the brief field. */
function briefOfNewProject(input: ProjectInput) {
  try {
    return documentFromInput({ json: input.briefJson, markdown: input.brief });
  } catch (error) {
    if (isAppError(error)) throw new FieldError("brief", error.data.messageKey, error.data.values);
    throw error;
  }
}

export async function getProjectForEdit(db: Db, user: User, projectId: string) {
  const access = await projectTeacherAccess(db, user, projectId);
  const p = access.project;
  return { id: p.id, title: p.title, brief: p.brief, competences: p.competences, teamMode: p.team_mode, maxTeamSize: p.max_team_size };
}

export async function updateProject(db: Db, user: User, projectId: string, input: ProjectInput) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  const brief = documentFromInput({ json: input.briefJson, markdown: input.brief });
  await pq.updateProjectRow(db, access.project.id, projectRow(input, brief));
}

function teamsWithMembers(db: Db, projectId: string) {
  return Promise.all([pq.teamsByName(db, projectId), pq.teamMembersOfProject(db, projectId)]);
}

/** The project page: the teacher's full view, or the pupil's (brief, milestones, their team). */
export async function getProjectPage(db: Db, user: User, projectId: string) {
  const access = await projectAccess(db, user, projectId);
  const { project, viewer } = access;
  const today = todayInParis();
  const [steps, [teams, members]] = await Promise.all([pq.milestonesInOrder(db, project.id), teamsWithMembers(db, project.id)]);
  const base = {
    project: {
      id: project.id,
      title: project.title,
      brief: project.brief,
      competences: project.competences,
      teamMode: project.team_mode,
      maxTeamSize: project.max_team_size,
    },
    milestones: steps,
    readOnly: access.readOnly,
  };

  if (viewer.kind === "pupil") {
    const myTeam = teams.find((t) => t.id === access.teamId) ?? null;
    const mates = myTeam ? members.filter((m) => m.team_id === myTeam.id).map((m) => m.pupil_id) : [];
    const mateRows = await q.pupilRows(db, { seatIds: mates });
    return {
      ...base,
      kind: "pupil" as const,
      myTeam: myTeam && { ...myTeam, members: mateRows.map((r) => labelPupil(r, viewer, today)) },
      // Choosing a team: names and free places only, never who is in them.
      choices:
        project.team_mode === "choice" && !myTeam
          ? teams.map((t) => {
              const count = members.filter((m) => m.team_id === t.id).length;
              return { id: t.id, name: t.name, free: Math.max(0, project.max_team_size - count) };
            })
          : [],
    };
  }

  const classes = await pq.classesOfProject(db, project.id);
  const pupils = (await q.pupilRows(db, { classIds: classes.map((c) => c.id) })).filter((r) => r.userId);
  const teachers = await pq.teachersOfProject(db, project.id);
  const shareable = access.teacherRole === "co_teacher" ? await pq.otherOpenClassesOfTeacher(db, user.id, classes.map((c) => c.id)) : [];
  const submissions = await pq.submissionsOfProject(db, project.id);
  const labelled = pupils.map((r) => ({ ...labelPupil(r, viewer, today), className: classes.find((c) => c.id === r.classId)?.name ?? "" }));
  return {
    ...base,
    kind: "teacher" as const,
    isOwner: access.teacherRole === "owner",
    classes: classes.map(({ teacher_id, ...c }) => ({ ...c, mine: teacher_id === user.id })),
    teachers: teachers.map((t) => ({ id: t.id, name: [t.first_name, t.last_name].filter(Boolean).join(" "), role: t.role })),
    teams: teams.map((t) => ({
      ...t,
      members: labelled.filter((p) => members.some((m) => m.team_id === t.id && m.pupil_id === p.seatId)),
    })),
    pupils: labelled.map((p) => ({ ...p, teamId: members.find((m) => m.pupil_id === p.seatId)?.team_id ?? null })),
    shareable,
    submissions,
  };
}

async function writableTeacher(db: Db, user: User, projectId: string) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  return access;
}

export async function addMilestone(db: Db, user: User, projectId: string, input: { title: string; dueOn: string }) {
  const { project } = await writableTeacher(db, user, projectId);
  await pq.insertMilestone(db, project.id, input);
}

export async function deleteMilestone(db: Db, user: User, projectId: string, milestoneId: string) {
  const { project } = await writableTeacher(db, user, projectId);
  if (await pq.milestoneHasSubmissions(db, milestoneId)) throw appError(409, "milestone_has_submissions", "projects:errors.milestone_has_submissions");
  if (!(await pq.deleteMilestoneOfProject(db, project.id, milestoneId))) throw notFound("milestone");
}

/** Another school's teacher becomes co-teacher of the project (they then add their own class). */
export async function inviteCoTeacher(db: Db, user: User, projectId: string, email: string) {
  const access = await writableTeacher(db, user, projectId);
  if (access.teacherRole !== "owner") throw forbidden();
  const invited = await pq.findUserByEmail(db, email);
  if (!invited || !can(invited, "create:school_class:own")) throw new FieldError("email", "projects:errors.teacher_unknown");
  if (invited.id === user.id) throw new FieldError("email", "projects:errors.teacher_is_you");
  await pq.addProjectTeacher(db, access.project.id, invited.id, "co_teacher", { ifMissing: true });
}

/** A co-teacher shares the project with one of their own classes. */
export async function shareWithClass(db: Db, user: User, projectId: string, classId: string) {
  const access = await writableTeacher(db, user, projectId);
  const schoolClass = await teacherClass(db, user, classId);
  requireOpenClass(schoolClass);
  await pq.addProjectClass(db, access.project.id, schoolClass.id, { ifMissing: true });
}
