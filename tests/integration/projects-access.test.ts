import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getAttachmentFile, uploadAttachment } from "../../app/features/projects/attachments.server";
import { getClassPage, joinClass } from "../../app/features/projects/classes.server";
import { getConsentPage, recordConsent } from "../../app/features/projects/consent.server";
import { getConflict, getTeamDocument, listRevisions, saveTeamDocument } from "../../app/features/projects/documents.server";
import { getProjectExport } from "../../app/features/projects/export.server";
import { importPupils } from "../../app/features/projects/import.server";
import { addMilestone, getProjectPage } from "../../app/features/projects/projects.server";
import { getSubmission, reviewSubmission, submitWork } from "../../app/features/projects/submissions.server";
import { addTask, deleteTask, updateTask } from "../../app/features/projects/tasks.server";
import { assignPupil, createTeam, getTeamSpace } from "../../app/features/projects/teams.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { classWithTeams, statusOf } from "./projects-fixtures";

beforeAll(() => {
  // Uploaded files go to a folder of this run, not to ./data.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "passerelle-projects-"));
  resetEnvForTests();
});

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const pdf = () => new File([new TextEncoder().encode("%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], "enquete.pdf", { type: "application/pdf" });

/** Team B's work: a saved document, a task, a file and a submission. */
async function teamBWork(db: Awaited<ReturnType<typeof testDb>>, s: Awaited<ReturnType<typeof classWithTeams>>) {
  await saveTeamDocument(db, s.bruno.user, s.project.id, s.teamB.id, { content: doc("Secret de l'équipe B"), expectedVersion: 0 });
  await addTask(db, s.bruno.user, s.project.id, s.teamB.id, { title: "Tâche de B", assignee: "" });
  const task = await db.selectFrom("team_task").select("id").where("team_id", "=", s.teamB.id).executeTakeFirstOrThrow();
  const file = await uploadAttachment(db, s.bruno.user, s.project.id, s.teamB.id, pdf());
  const submission = await submitWork(db, s.bruno.user, s.project.id, s.teamB.id, { milestoneId: s.milestone.id, attachmentIds: [file.id], message: "" });
  return { task, file, submission };
}

describe("projects: who sees what (acceptance 1)", () => {
  it("keeps team B's document, tasks, files and submissions away from team A's pupils", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const b = await teamBWork(db, s);
    const alice = s.alice.user;
    const P = s.project.id;
    const B = s.teamB.id;
    const A = s.teamA.id;

    // Reading team B's space, document, history, file and submission: not found.
    expect(await statusOf(getTeamSpace(db, alice, P, B))).toBe(404);
    expect(await statusOf(getTeamDocument(db, alice, P, B))).toBe(404);
    expect(await statusOf(listRevisions(db, alice, P, B))).toBe(404);
    expect(await statusOf(getAttachmentFile(db, alice, P, B, b.file.id))).toBe(404);
    expect(await statusOf(getSubmission(db, alice, P, B, b.submission.id))).toBe(404);
    // …nor through her own team's address with team B's ids.
    expect(await statusOf(getAttachmentFile(db, alice, P, A, b.file.id))).toBe(404);
    expect(await statusOf(getSubmission(db, alice, P, A, b.submission.id))).toBe(404);
    const conflictOfB = await saveTeamDocument(db, s.bruno.user, P, B, { content: doc("en retard"), expectedVersion: 0 });
    expect(conflictOfB.status).toBe("conflict");
    if (conflictOfB.status === "conflict") {
      expect(await statusOf(getConflict(db, alice, P, B, conflictOfB.revisionId))).toBe(404);
      expect(await statusOf(getConflict(db, alice, P, A, conflictOfB.revisionId))).toBe(404);
    }

    // Writing in team B's space: refused, and nothing changed.
    expect(await statusOf(saveTeamDocument(db, alice, P, B, { content: doc("piraté"), expectedVersion: 1 }))).toBe(404);
    expect(await statusOf(addTask(db, alice, P, B, { title: "intrus", assignee: "" }))).toBe(404);
    expect(await statusOf(updateTask(db, alice, P, B, { taskId: b.task.id, status: "done", assignee: "" }))).toBe(404);
    expect(await statusOf(updateTask(db, alice, P, A, { taskId: b.task.id, status: "done", assignee: "" }))).toBe(404);
    expect(await statusOf(deleteTask(db, alice, P, A, b.task.id))).toBe(404);
    expect(await statusOf(uploadAttachment(db, alice, P, B, pdf()))).toBe(404);
    expect(await statusOf(submitWork(db, alice, P, B, { milestoneId: s.milestone.id, attachmentIds: [], message: "" }))).toBe(404);
    // Handing in team B's file with team A's work.
    expect(await statusOf(submitWork(db, alice, P, A, { milestoneId: s.milestone.id, attachmentIds: [b.file.id], message: "" }))).toBe(404);
    // Assigning team B's task to herself.
    expect(await statusOf(addTask(db, alice, P, A, { title: "x", assignee: s.bruno.seatId }))).toBe(404);

    const docB = await db.selectFrom("team_document").select(["content", "version"]).where("team_id", "=", B).executeTakeFirstOrThrow();
    expect(docB.version).toBe(1);
    expect(JSON.stringify(docB.content)).toContain("Secret de l'équipe B");
    const taskB = await db.selectFrom("team_task").select("status").where("id", "=", b.task.id).executeTakeFirstOrThrow();
    expect(taskB.status).toBe("todo");
    expect(await db.selectFrom("team_task").select("id").where("title", "=", "intrus").executeTakeFirst()).toBeUndefined();

    // Her own team's space works, and the project page shows her team only.
    await expect(getTeamSpace(db, alice, P, A)).resolves.toMatchObject({ team: { id: A } });
    const page = await getProjectPage(db, alice, P);
    expect(page.kind).toBe("pupil");
    expect(JSON.stringify(page)).not.toContain("Bruno");
    expect(JSON.stringify(page)).not.toContain(B);
  });

  it("gives pupils no teacher powers", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const b = await teamBWork(db, s);
    const bruno = s.bruno.user;
    expect(await statusOf(createTeam(db, bruno, s.project.id, "Mon équipe"))).toBe(403);
    expect(await statusOf(assignPupil(db, bruno, s.project.id, { seatId: s.alice.seatId, teamId: s.teamB.id }))).toBe(403);
    expect(await statusOf(addMilestone(db, bruno, s.project.id, { title: "x", dueOn: "2027-02-01" }))).toBe(403);
    expect(await statusOf(reviewSubmission(db, bruno, s.project.id, s.teamB.id, b.submission.id, { decision: "accepted", comment: "", assessment: [] }))).toBe(403);
    expect(await statusOf(getProjectExport(db, bruno, s.project.id))).toBe(403);
    expect(await statusOf(getConsentPage(db, bruno, s.schoolClass.id))).toBe(403);
    expect(await statusOf(importPupils(db, bruno, s.schoolClass.id, "prenom;naissance\nA;01/01/2013"))).toBe(403);
    // The class page a pupil gets has no classmates in it.
    const page = await getClassPage(db, bruno, s.schoolClass.id);
    expect(page.kind).toBe("pupil");
    expect(JSON.stringify(page)).not.toContain("Alice");
  });

  it("hides the class from a teacher of another class, and from pupils who are not in it", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const b = await teamBWork(db, s);
    const other = await createUser(db, { role: "teacher", firstName: "Autre" });
    const P = s.project.id;
    expect(await statusOf(getClassPage(db, other, s.schoolClass.id))).toBe(404);
    expect(await statusOf(getConsentPage(db, other, s.schoolClass.id))).toBe(404);
    expect(await statusOf(recordConsent(db, other, s.schoolClass.id, { seatId: s.alice.seatId, givenBy: "x", method: "paper", givenOn: "2026-11-01" }))).toBe(404);
    expect(await statusOf(importPupils(db, other, s.schoolClass.id, "prenom;naissance\nA;01/01/2013"))).toBe(404);
    expect(await statusOf(getProjectPage(db, other, P))).toBe(404);
    expect(await statusOf(getTeamSpace(db, other, P, s.teamB.id))).toBe(404);
    expect(await statusOf(getSubmission(db, other, P, s.teamB.id, b.submission.id))).toBe(404);
    expect(await statusOf(reviewSubmission(db, other, P, s.teamB.id, b.submission.id, { decision: "accepted", comment: "", assessment: [] }))).toBe(404);
    expect(await statusOf(getProjectExport(db, other, P))).toBe(404);
    expect(await statusOf(createTeam(db, other, P, "x"))).toBe(404);
    // A coordinator is not a teacher of the class either: pupils' work stays with their teachers.
    const coordinator = await createUser(db, { role: "coordinator" });
    expect(await statusOf(getClassPage(db, coordinator, s.schoolClass.id))).toBe(404);
    expect(await statusOf(getTeamSpace(db, coordinator, P, s.teamA.id))).toBe(404);

    const stranger = await createUser(db);
    expect(await statusOf(getClassPage(db, stranger, s.schoolClass.id))).toBe(404);
    expect(await statusOf(getProjectPage(db, stranger, P))).toBe(404);
    expect(await statusOf(getTeamSpace(db, stranger, P, s.teamA.id))).toBe(404);
    // Malformed ids are 404 too, never a 500.
    expect(await statusOf(getProjectPage(db, stranger, "pas-un-id"))).toBe(404);
    expect(await statusOf(getTeamSpace(db, s.alice.user, P, "pas-un-id"))).toBe(404);
  });

  it("lets a co-teacher's class into a shared project, and its teacher see the project but not the other class", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const { createClass } = await import("../../app/features/projects/classes.server");
    const { inviteCoTeacher, shareWithClass } = await import("../../app/features/projects/projects.server");
    const coTeacher = await createUser(db, { role: "teacher", firstName: "Camille" });
    const otherClass = await createClass(db, coTeacher, { name: "3e A", school: "Collège de Rieux", level: "troisieme", schoolYear: "2026-2027" });
    expect(await statusOf(shareWithClass(db, coTeacher, s.project.id, otherClass.id))).toBe(404);
    await inviteCoTeacher(db, s.teacher, s.project.id, coTeacher.email!);
    await shareWithClass(db, coTeacher, s.project.id, otherClass.id);
    const page = await getProjectPage(db, coTeacher, s.project.id);
    expect(page.kind === "teacher" && page.classes.map((c) => c.name)).toEqual(["4e B", "3e A"]);
    // The co-teacher sees the project's teams, not the other teacher's class page.
    await expect(getTeamSpace(db, coTeacher, s.project.id, s.teamA.id)).resolves.toBeTruthy();
    expect(await statusOf(getClassPage(db, coTeacher, s.schoolClass.id))).toBe(404);
    // A pupil of the shared class sees the project.
    const pupil = await createUser(db, { firstName: "Zoé" });
    await joinClass(db, pupil, { code: otherClass.join_code!, birthDate: "2011-06-01" }, { ip: null });
    await expect(getProjectPage(db, pupil, s.project.id)).resolves.toMatchObject({ kind: "pupil" });
  });
});
