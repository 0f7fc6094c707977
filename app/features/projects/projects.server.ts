import { can } from "../../lib/permissions";
import type { User } from "../../../db/schema/accounts";
import type { TeamMode } from "../../../db/schema/projects";
import type { Db } from "../../lib/db.server";
import { appError, forbidden, FieldError, isAppError } from "../../lib/errors";
import { requireOpenClass, notFound, projectAccess, projectTeacherAccess, teacherClass } from "./access.server";
import { todayInParis } from "./dates";
import { labelPupil } from "./people";
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
  return db.transaction().execute(async (trx) => {
    const project = await trx
      .insertInto("school_project")
      .values({
        class_id: schoolClass.id,
        title: input.title,
        brief: q.jsonb(brief),
        competences: [...new Set(input.competences)],
        team_mode: input.teamMode,
        max_team_size: input.maxTeamSize,
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("project_class").values({ project_id: project.id, class_id: schoolClass.id }).execute();
    await trx.insertInto("project_teacher").values({ project_id: project.id, user_id: user.id, role: "owner" }).execute();
    if (input.milestoneTitle && input.milestoneDue) {
      await trx.insertInto("project_milestone").values({ project_id: project.id, title: input.milestoneTitle, due_on: input.milestoneDue }).execute();
    }
    return project;
  });
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
  await db
    .updateTable("school_project")
    .set({
      title: input.title,
      brief: q.jsonb(brief),
      competences: [...new Set(input.competences)],
      team_mode: input.teamMode,
      max_team_size: input.maxTeamSize,
      updated_at: new Date(),
    })
    .where("id", "=", access.project.id)
    .execute();
}

function milestones(db: Db, projectId: string) {
  return db
    .selectFrom("project_milestone")
    .select(["id", "title", q.dateText("due_on").as("dueOn")])
    .where("project_id", "=", projectId)
    .orderBy("due_on")
    .orderBy("created_at")
    .execute();
}

function teamsWithMembers(db: Db, projectId: string) {
  return Promise.all([
    db.selectFrom("project_team").select(["id", "name"]).where("project_id", "=", projectId).orderBy("name").execute(),
    db.selectFrom("project_team_member").select(["team_id", "pupil_id"]).where("project_id", "=", projectId).execute(),
  ]);
}

/** The project page: the teacher's full view, or the pupil's (brief, milestones, their team). */
export async function getProjectPage(db: Db, user: User, projectId: string) {
  const access = await projectAccess(db, user, projectId);
  const { project, viewer } = access;
  const today = todayInParis();
  const [steps, [teams, members]] = await Promise.all([milestones(db, project.id), teamsWithMembers(db, project.id)]);
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

  const classes = await db
    .selectFrom("project_class")
    .innerJoin("school_class", "school_class.id", "project_class.class_id")
    .select(["school_class.id", "school_class.name", "school_class.school", "school_class.teacher_id"])
    .where("project_class.project_id", "=", project.id)
    .orderBy("project_class.added_at")
    .execute();
  const pupils = (await q.pupilRows(db, { classIds: classes.map((c) => c.id) })).filter((r) => r.userId);
  const teachers = await db
    .selectFrom("project_teacher")
    .innerJoin("app_user", "app_user.id", "project_teacher.user_id")
    .select(["app_user.id", "app_user.first_name", "app_user.last_name", "project_teacher.role"])
    .where("project_teacher.project_id", "=", project.id)
    .orderBy("project_teacher.added_at")
    .execute();
  const shareable =
    access.teacherRole === "co_teacher"
      ? await db
          .selectFrom("school_class")
          .select(["id", "name", "school"])
          .where("teacher_id", "=", user.id)
          .where("archived_at", "is", null)
          .where(
            "id",
            "not in",
            classes.map((c) => c.id),
          )
          .execute()
      : [];
  const submissions = await db
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
      eb
        .selectFrom("submission_review")
        .select("decision")
        .whereRef("submission_review.submission_id", "=", "project_submission.id")
        .orderBy("reviewed_at", "desc")
        .limit(1)
        .as("decision"),
    ])
    .where("project_team.project_id", "=", project.id)
    .orderBy("project_submission.submitted_at", "desc")
    .execute();
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
  await db.insertInto("project_milestone").values({ project_id: project.id, title: input.title, due_on: input.dueOn }).execute();
}

export async function deleteMilestone(db: Db, user: User, projectId: string, milestoneId: string) {
  const { project } = await writableTeacher(db, user, projectId);
  const used = await db.selectFrom("project_submission").select("id").where("milestone_id", "=", milestoneId).executeTakeFirst();
  if (used) throw appError(409, "milestone_has_submissions", "projects:errors.milestone_has_submissions");
  const deleted = await db.deleteFrom("project_milestone").where("id", "=", milestoneId).where("project_id", "=", project.id).executeTakeFirst();
  if (!deleted.numDeletedRows) throw notFound("milestone");
}

/** Another school's teacher becomes co-teacher of the project (they then add their own class). */
export async function inviteCoTeacher(db: Db, user: User, projectId: string, email: string) {
  const access = await writableTeacher(db, user, projectId);
  if (access.teacherRole !== "owner") throw forbidden();
  const invited = await db.selectFrom("app_user").select(["id", "role"]).where("email", "=", email).executeTakeFirst();
  if (!invited || !can(invited, "create:school_class:own")) throw new FieldError("email", "projects:errors.teacher_unknown");
  if (invited.id === user.id) throw new FieldError("email", "projects:errors.teacher_is_you");
  await db
    .insertInto("project_teacher")
    .values({ project_id: access.project.id, user_id: invited.id, role: "co_teacher" })
    .onConflict((oc) => oc.columns(["project_id", "user_id"]).doNothing())
    .execute();
}

/** A co-teacher shares the project with one of their own classes. */
export async function shareWithClass(db: Db, user: User, projectId: string, classId: string) {
  const access = await writableTeacher(db, user, projectId);
  const schoolClass = await teacherClass(db, user, classId);
  requireOpenClass(schoolClass);
  await db
    .insertInto("project_class")
    .values({ project_id: access.project.id, class_id: schoolClass.id })
    .onConflict((oc) => oc.columns(["project_id", "class_id"]).doNothing())
    .execute();
}
