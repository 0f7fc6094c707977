import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getClassPage, joinClass, createClass } from "../../app/features/projects/classes.server";
import { recordConsent } from "../../app/features/projects/consent.server";
import { saveTeamDocument } from "../../app/features/projects/documents.server";
import { getProjectExport } from "../../app/features/projects/export.server";
import { importPupils } from "../../app/features/projects/import.server";
import { getProjectPage } from "../../app/features/projects/projects.server";
import { archiveClass, projectsRetentionJob, purgeExpiredClasses } from "../../app/features/projects/retention.server";
import { getSubmission, reviewSubmission, submitWork } from "../../app/features/projects/submissions.server";
import { addTask } from "../../app/features/projects/tasks.server";
import { assignPupil, getTeamSpace } from "../../app/features/projects/teams.server";
import { registeredJobs } from "../../app/lib/jobs.server";
import { createSession } from "../../app/lib/session.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { classWithTeams, statusOf, UNDER_15 } from "./projects-fixtures";

const DAY = 24 * 60 * 60 * 1000;
const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** Every text value of the projects tables and of pupil accounts, to look for names in. */
async function dumpProjectTables(db: Awaited<ReturnType<typeof testDb>>) {
  const tables = [
    "school_class",
    "class_pupil",
    "pupil_profile",
    "parental_consent",
    "school_project",
    "project_team",
    "project_team_member",
    "team_document",
    "team_document_revision",
    "team_task",
    "team_attachment",
    "project_submission",
    "submission_review",
    "pupil_assessment",
  ];
  let all = "";
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    all += JSON.stringify(rows);
  }
  return all;
}

describe("retention of pupils' personal data (acceptance 5)", () => {
  it("deletes pupils' personal data after archiving and the retention period, and keeps the anonymised project", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const P = s.project.id;
    const A = s.teamA.id;
    // An imported pupil (account made for the class) under 15, with a parental consent, in team A.
    const [imported] = await importPupils(db, s.teacher, s.schoolClass.id, `prénom;nom;naissance\nZéphyrine;Quennevat;${UNDER_15}`);
    const importedSeat = await db.selectFrom("class_pupil").select(["id", "user_id", "number"]).where("class_id", "=", s.schoolClass.id).where("number", "=", imported!.seatNumber!).executeTakeFirstOrThrow();
    const importedUser = importedSeat.user_id!;
    await createSession(db, importedUser, { ip: null, userAgent: null });
    await recordConsent(db, s.teacher, s.schoolClass.id, { seatId: importedSeat.id, givenBy: "Mme Quennevat", method: "paper", givenOn: "2026-10-01" });
    await assignPupil(db, s.teacher, P, { seatId: importedSeat.id, teamId: A });
    // Alice is also in a class of next year, still running: her account and birth date must stay.
    const nextYear = await createClass(db, s.teacher, { name: "3e B", school: "Collège Jules Verne", level: "troisieme", schoolYear: "2027-2028" });
    await joinClass(db, s.alice.user, { code: nextYear.join_code! }, { ip: null });

    // The team's work, with the pupils' names nowhere in it.
    await saveTeamDocument(db, s.alice.user, P, A, { content: doc("Notre enquête sur le compost"), expectedVersion: 0 });
    await saveTeamDocument(db, s.arthur.user, P, A, { content: doc("Notre enquête sur le compost, suite"), expectedVersion: 1 });
    await addTask(db, s.arthur.user, P, A, { title: "Interroger la mairie", assignee: s.alice.seatId });
    const submission = await submitWork(db, s.alice.user, P, A, { milestoneId: s.milestone.id, attachmentIds: [], message: "Rendu final" });
    await reviewSubmission(db, s.teacher, P, A, submission.id, { decision: "accepted", comment: "Très bien.", assessment: [`${s.arthur.seatId}|2.3|4`] });

    const archivedAt = new Date("2027-07-05T10:00:00Z");
    await archiveClass(db, s.teacher, s.schoolClass.id, archivedAt);
    // Archived: readable, but nothing can be written any more.
    expect(await statusOf(saveTeamDocument(db, s.arthur.user, P, A, { content: doc("trop tard"), expectedVersion: 2 }))).toBe(409);

    // Before the end of the retention period, nothing is deleted.
    expect(await purgeExpiredClasses(db, new Date(archivedAt.getTime() + 89 * DAY), 90)).toEqual([]);
    expect(await db.selectFrom("app_user").select("id").where("id", "=", importedUser).executeTakeFirst()).toBeTruthy();

    const purged = await purgeExpiredClasses(db, new Date(archivedAt.getTime() + 91 * DAY), 90);
    expect(purged).toEqual([{ classId: s.schoolClass.id, seats: 4, deletedAccounts: 1 }]);

    // The account created for the class is gone, with its sessions and consent.
    expect(await db.selectFrom("app_user").select("id").where("id", "=", importedUser).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("session").select("id").where("user_id", "=", importedUser).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("parental_consent").select("id").where("class_id", "=", s.schoolClass.id).execute()).toEqual([]);
    // Pupils who came with their own account keep it, but the class no longer knows them.
    expect(await db.selectFrom("class_pupil").select("id").where("class_id", "=", s.schoolClass.id).where("user_id", "is not", null).execute()).toEqual([]);
    expect(await db.selectFrom("pupil_profile").select("user_id").where("user_id", "in", [s.arthur.user.id, s.bruno.user.id]).execute()).toEqual([]);
    // Alice's next-year class still has her, with her birth date.
    expect(await db.selectFrom("pupil_profile").select("user_id").where("user_id", "=", s.alice.user.id).executeTakeFirst()).toBeTruthy();
    expect(await db.selectFrom("class_pupil").select("id").where("class_id", "=", nextYear.id).where("user_id", "=", s.alice.user.id).executeTakeFirst()).toBeTruthy();

    // No name of a pupil is left anywhere in the projects' tables.
    const dump = await dumpProjectTables(db);
    for (const name of ["Alice", "Arthur", "Bruno", "Zéphyrine", "Quennevat"]) expect(dump).not.toContain(name);

    // The work is still there, anonymous: documents, tasks, submissions, feedback and levels.
    expect(JSON.stringify(await db.selectFrom("team_document").select("content").where("team_id", "=", A).executeTakeFirstOrThrow())).toContain("compost, suite");
    expect(await db.selectFrom("team_document_revision").select("id").where("team_id", "=", A).execute()).toHaveLength(2);
    expect(await db.selectFrom("team_task").select("assignee_pupil_id").where("team_id", "=", A).executeTakeFirstOrThrow()).toEqual({ assignee_pupil_id: s.alice.seatId });
    const teacherView = await getSubmission(db, s.teacher, P, A, submission.id);
    expect(teacherView.submission.message).toBe("Rendu final");
    expect(teacherView.submission.submittedBy).toEqual({ seatId: s.alice.seatId, number: s.alice.number, name: null });
    expect(teacherView.reviews[0]!.assessments).toEqual([{ pupil: { seatId: s.arthur.seatId, number: s.arthur.number, name: null }, competence: "2.3", level: 4 }]);
    const page = await getProjectPage(db, s.teacher, P);
    expect(page.kind === "teacher" && page.teams.find((t) => t.id === A)?.members).toEqual([]);
    const space = await getTeamSpace(db, s.teacher, P, A);
    expect(space.tasks[0]!.title).toBe("Interroger la mairie");
    const exported = await getProjectExport(db, s.teacher, P);
    expect(JSON.stringify(exported)).toContain("compost");
    expect(JSON.stringify(exported)).not.toMatch(/Alice|Arthur|Bruno|Zéphyrine/);

    // The former pupils no longer see the class; the teacher still does, without names.
    expect(await statusOf(getProjectPage(db, s.arthur.user, P))).toBe(404);
    const classPage = await getClassPage(db, s.teacher, s.schoolClass.id);
    expect(classPage.kind === "teacher" && classPage.pupils).toEqual([]);
    expect(classPage.kind === "teacher" && classPage.schoolClass.personal_data_purged_at).toBeTruthy();

    // Running the job again changes nothing.
    expect(await purgeExpiredClasses(db, new Date(archivedAt.getTime() + 200 * DAY), 90)).toEqual([]);
  });

  it("is registered as a periodic job and reads the retention period from PROJECTS_RETENTION_DAYS", async () => {
    await import("../../app/modules.server");
    expect(registeredJobs().some((j) => j.name === projectsRetentionJob.name)).toBe(true);
    const db = await testDb();
    const teacher = await createUser(db, { role: "teacher" });
    const schoolClass = await createClass(db, teacher, { name: "6e A", school: "Collège", level: "sixieme", schoolYear: "2026-2027" });
    const { resetEnvForTests } = await import("../../app/lib/env.server");
    process.env.PROJECTS_RETENTION_DAYS = "10";
    resetEnvForTests();
    try {
      const archivedAt = new Date("2027-07-01T00:00:00Z");
      await archiveClass(db, teacher, schoolClass.id, archivedAt);
      expect(await projectsRetentionJob.run(db, new Date(archivedAt.getTime() + 9 * DAY))).toEqual([]);
      expect((await projectsRetentionJob.run(db, new Date(archivedAt.getTime() + 11 * DAY))).map((r) => r.classId)).toContain(schoolClass.id);
    } finally {
      delete process.env.PROJECTS_RETENTION_DAYS;
      resetEnvForTests();
    }
  });
});
