import { describe, expect, it } from "vitest";
import { pupilLanding } from "../../app/features/projects/classes.server";
import { assignTeams } from "../../app/features/projects/teams.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { classWithTeams, statusOf } from "./projects-fixtures";

const members = (db: Awaited<ReturnType<typeof testDb>>, projectId: string) =>
  db.selectFrom("project_team_member").select(["pupil_id", "team_id"]).where("project_id", "=", projectId).orderBy("pupil_id").execute();

describe("placing every pupil at once", () => {
  it("replaces the teams of all listed pupils in one go", async () => {
    const db = await testDb();
    const { teacher, project, teamA, teamB, alice, arthur, bruno } = await classWithTeams(db);
    const result = await assignTeams(db, teacher, project.id, [
      { seatId: alice.seatId, teamId: teamB.id },
      { seatId: arthur.seatId, teamId: "" },
      { seatId: bruno.seatId, teamId: teamA.id },
    ]);
    expect(result.placed).toBe(2);
    const rows = await members(db, project.id);
    expect(rows).toEqual(
      expect.arrayContaining([
        { pupil_id: alice.seatId, team_id: teamB.id },
        { pupil_id: bruno.seatId, team_id: teamA.id },
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it("writes nothing when one row names a team or a pupil of another project, and hides the project from another teacher", async () => {
    const db = await testDb();
    const { teacher, project, teamA, alice, bruno } = await classWithTeams(db);
    const other = await classWithTeams(db);
    const before = await members(db, project.id);
    expect(await statusOf(assignTeams(db, teacher, project.id, [{ seatId: alice.seatId, teamId: "" }, { seatId: bruno.seatId, teamId: other.teamA.id }]))).toBe(404);
    expect(await statusOf(assignTeams(db, teacher, project.id, [{ seatId: other.alice.seatId, teamId: teamA.id }]))).toBe(404);
    expect(await statusOf(assignTeams(db, teacher, project.id, [{ seatId: alice.seatId, teamId: "" }, { seatId: alice.seatId, teamId: teamA.id }]))).toBe(400);
    expect(await members(db, project.id)).toEqual(before);
    // Another teacher's project does not exist for them (no hint that it does).
    expect(await statusOf(assignTeams(db, other.teacher, project.id, [{ seatId: alice.seatId, teamId: "" }]))).toBe(404);
  });

  it("sends a pupil to their class after sign-in, and staff nowhere special", async () => {
    const db = await testDb();
    const { teacher, schoolClass, alice } = await classWithTeams(db);
    expect(await pupilLanding(db, alice.user)).toEqual({ classId: schoolClass.id });
    expect(await pupilLanding(db, teacher)).toBeNull();
    expect(await pupilLanding(db, await createUser(db))).toBeNull();
  });
});
