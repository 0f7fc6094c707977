import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { createClass, joinClass } from "../../app/features/projects/classes.server";
import { createProject } from "../../app/features/projects/projects.server";
import { assignPupil, createTeam } from "../../app/features/projects/teams.server";
import { createUser } from "../helpers/fixtures";

export const OLD_ENOUGH = "2009-05-01";
export const UNDER_15 = "2014-02-10";
export { statusOf } from "../helpers/fixtures";


export async function pupilJoins(db: Db, schoolClass: { join_code: string | null }, { firstName = "Élève", birthDate = OLD_ENOUGH } = {}) {
  const pupil = await createUser(db, { firstName });
  await joinClass(db, pupil, { code: schoolClass.join_code!, birthDate }, { ip: null });
  const seat = await db.selectFrom("class_pupil").select(["id", "number"]).where("user_id", "=", pupil.id).orderBy("joined_at", "desc").executeTakeFirstOrThrow();
  return { user: pupil, seatId: seat.id, number: seat.number };
}

/**
 * A teacher's class with a project, one milestone and two teams:
 * team A (Alice, Arthur), team B (Bruno).
 */
export async function classWithTeams(db: Db, { teacher }: { teacher?: User } = {}) {
  teacher ??= await createUser(db, { role: "teacher", firstName: "Thomas" });
  const schoolClass = await createClass(db, teacher, { name: "4e B", school: "Collège Jules Verne", level: "quatrieme", schoolYear: "2026-2027" });
  const project = await createProject(db, teacher, {
    classId: schoolClass.id,
    title: "Le tri des déchets",
    brief: "Enquêtez sur le tri dans votre commune.",
    competences: ["2.3", "3.1"],
    teamMode: "teacher",
    maxTeamSize: 3,
    milestoneTitle: "Premier jet",
    milestoneDue: "2027-01-15",
  });
  const milestone = await db.selectFrom("project_milestone").select("id").where("project_id", "=", project.id).executeTakeFirstOrThrow();
  const teamA = await createTeam(db, teacher, project.id, "Équipe A");
  const teamB = await createTeam(db, teacher, project.id, "Équipe B");
  const alice = await pupilJoins(db, schoolClass, { firstName: "Alice" });
  const arthur = await pupilJoins(db, schoolClass, { firstName: "Arthur" });
  const bruno = await pupilJoins(db, schoolClass, { firstName: "Bruno" });
  for (const [pupil, team] of [
    [alice, teamA],
    [arthur, teamA],
    [bruno, teamB],
  ] as const) {
    await assignPupil(db, teacher, project.id, { seatId: pupil.seatId, teamId: team.id });
  }
  return { teacher, schoolClass, project, milestone, teamA, teamB, alice, arthur, bruno };
}
