import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { createClass, joinClass } from "../../app/features/projects/classes.server";
import { getConflict, saveTeamDocument } from "../../app/features/projects/documents.server";
import { importPupils } from "../../app/features/projects/import.server";
import { archiveClass, purgeExpiredClasses } from "../../app/features/projects/retention.server";
import { seedProjects } from "../../app/features/projects/seed.server";
import { getSubmission, reviewSubmission, submitWork } from "../../app/features/projects/submissions.server";
import { createUser } from "../helpers/fixtures";
import { classWithTeams, UNDER_15 } from "./projects-fixtures";

/**
 * The same SQL on the embedded database (PGlite, PostgreSQL 17 in WASM,
 * one connection): the main verbs of the domain, end to end.
 */
let embedded: OpenedDatabase;
beforeAll(async () => {
  embedded = await openDatabase({ memory: true });
  await migrateToLatest(embedded.db);
}, 60_000);
afterAll(async () => {
  await embedded?.close();
});

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describe("school projects on PGlite", () => {
  it("joins, saves with a conflict, submits, reviews, imports, seeds and purges", async () => {
    const db = embedded.db;
    const s = await classWithTeams(db);
    const first = await saveTeamDocument(db, s.alice.user, s.project.id, s.teamA.id, { content: doc("Alice"), expectedVersion: 0 });
    const second = await saveTeamDocument(db, s.arthur.user, s.project.id, s.teamA.id, { content: doc("Arthur"), expectedVersion: 0 });
    expect(first.status).toBe("saved");
    expect(second.status).toBe("conflict");
    if (second.status === "conflict") {
      const merge = await getConflict(db, s.arthur.user, s.project.id, s.teamA.id, second.revisionId);
      expect(JSON.stringify(merge.mine.content)).toContain("Arthur");
      expect(JSON.stringify(merge.theirs.content)).toContain("Alice");
    }
    const submission = await submitWork(db, s.alice.user, s.project.id, s.teamA.id, { milestoneId: s.milestone.id, attachmentIds: [], message: "" });
    await expect(db.updateTable("project_submission").set({ version: 9 }).where("id", "=", submission.id).execute()).rejects.toThrow(/immutable/);
    await reviewSubmission(db, s.teacher, s.project.id, s.teamA.id, submission.id, { decision: "accepted", comment: "Bien", assessment: [`${s.alice.seatId}|2.3|5`] });
    expect((await getSubmission(db, s.alice.user, s.project.id, s.teamA.id, submission.id)).reviews[0]!.assessments).toHaveLength(1);

    const report = await importPupils(db, s.teacher, s.schoolClass.id, `prénom;nom;naissance\nZoé;Roy;${UNDER_15}\n;X;01/01/2012`);
    expect(report.map((r) => r.status)).toEqual(["created", "error"]);

    const teacher2 = await createUser(db, { role: "teacher" });
    const other = await createClass(db, teacher2, { name: "6e", school: "Collège", level: "sixieme", schoolYear: "2026-2027" });
    await joinClass(db, s.bruno.user, { code: other.join_code! }, { ip: null });

    await archiveClass(db, s.teacher, s.schoolClass.id, new Date("2027-07-01T00:00:00Z"));
    const purged = await purgeExpiredClasses(db, new Date("2027-12-01T00:00:00Z"), 90);
    expect(purged.map((p) => p.classId)).toEqual([s.schoolClass.id]);
    expect(await db.selectFrom("class_pupil").select("id").where("class_id", "=", s.schoolClass.id).where("user_id", "is not", null).execute()).toEqual([]);
    expect(await db.selectFrom("app_user").select("id").where("first_name", "=", "Zoé").execute()).toEqual([]);

    await db.insertInto("app_user").values({ email: "enseignant@demo.passerelle.fr", first_name: "Thomas", role: "teacher" }).execute();
    expect(await seedProjects(db)).toEqual({ created: true });
  }, 60_000);
});
