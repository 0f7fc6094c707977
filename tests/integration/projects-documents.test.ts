import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getConflict, getTeamDocument, listRevisions, restoreRevision, saveTeamDocument } from "../../app/features/projects/documents.server";
import { getSubmission, reviewSubmission, submitWork } from "../../app/features/projects/submissions.server";
import { testDb } from "../helpers/db";
import { classWithTeams, statusOf } from "./projects-fixtures";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describe("team document: optimistic concurrency (acceptance 2)", () => {
  it("gives the second save of the same version the conflict, and keeps both texts", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const P = s.project.id;
    const A = s.teamA.id;
    const start = await getTeamDocument(db, s.alice.user, P, A);
    expect(start.version).toBe(0);

    const first = await saveTeamDocument(db, s.alice.user, P, A, { content: doc("Version d'Alice"), expectedVersion: start.version });
    const second = await saveTeamDocument(db, s.arthur.user, P, A, { content: doc("Version d'Arthur"), expectedVersion: start.version });
    expect(first).toEqual({ status: "saved", version: 1 });
    expect(second.status).toBe("conflict");
    if (second.status !== "conflict") throw new Error("expected a conflict");
    expect(second.version).toBe(1);

    // The document holds Alice's text; Arthur's is not lost.
    const now = await getTeamDocument(db, s.arthur.user, P, A);
    expect(now.version).toBe(1);
    expect(JSON.stringify(now.content)).toContain("Version d'Alice");
    const merge = await getConflict(db, s.arthur.user, P, A, second.revisionId);
    expect(JSON.stringify(merge.mine.content)).toContain("Version d'Arthur");
    expect(JSON.stringify(merge.theirs.content)).toContain("Version d'Alice");
    expect(merge.theirs.version).toBe(1);
    expect(merge.theirs.authors.map((a) => a?.name)).toEqual(["Alice"]);
    expect(merge.mine.markdown).toContain("Version d'Arthur");

    // Both are in the history.
    const history = await listRevisions(db, s.alice.user, P, A);
    expect(history.revisions.map((r) => [r.kind, r.version])).toEqual(
      expect.arrayContaining([
        ["saved", 1],
        ["conflict", null],
      ]),
    );
    const shown = await listRevisions(db, s.alice.user, P, A, second.revisionId);
    expect(JSON.stringify(shown.shown?.content)).toContain("Version d'Arthur");

    // Arthur chooses his version: it becomes version 2, on top of Alice's (still in the history).
    const kept = await restoreRevision(db, s.arthur.user, P, A, { revisionId: second.revisionId, expectedVersion: merge.theirs.version });
    expect(kept).toEqual({ status: "saved", version: 2 });
    const saved = await db.selectFrom("team_document_revision").select(["version", "content"]).where("team_id", "=", A).where("kind", "=", "saved").orderBy("version").execute();
    expect(saved.map((r) => [r.version, JSON.stringify(r.content).includes("Alice") ? "Alice" : "Arthur"])).toEqual([
      [1, "Alice"],
      [2, "Arthur"],
    ]);
  });

  it("lets exactly one of many simultaneous saves of one version win", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const writers = [s.alice.user, s.arthur.user, s.alice.user, s.arthur.user, s.alice.user, s.arthur.user];
    const outcomes = await Promise.all(
      writers.map((w, i) => saveTeamDocument(db, w, s.project.id, s.teamA.id, { content: doc(`texte ${i}`), expectedVersion: 0 })),
    );
    expect(outcomes.filter((o) => o.status === "saved")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "conflict")).toHaveLength(writers.length - 1);
    const revisions = await db.selectFrom("team_document_revision").select("content").where("team_id", "=", s.teamA.id).execute();
    // Every text typed is somewhere.
    for (let i = 0; i < writers.length; i++) expect(revisions.some((r) => JSON.stringify(r.content).includes(`texte ${i}`))).toBe(true);
    const current = await db.selectFrom("team_document").select("version").where("team_id", "=", s.teamA.id).executeTakeFirstOrThrow();
    expect(current.version).toBe(1);
  });

  it("does not bump the version for a save that changes nothing", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    await saveTeamDocument(db, s.alice.user, s.project.id, s.teamA.id, { content: doc("pareil"), expectedVersion: 0 });
    const again = await saveTeamDocument(db, s.alice.user, s.project.id, s.teamA.id, { content: doc("pareil"), expectedVersion: 1 });
    expect(again).toEqual({ status: "unchanged", version: 1 });
  });

  it("keeps teachers out of the pen: they read the document, pupils write it", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    expect(await statusOf(saveTeamDocument(db, s.teacher, s.project.id, s.teamA.id, { content: doc("prof"), expectedVersion: 0 }))).toBe(403);
    await expect(getTeamDocument(db, s.teacher, s.project.id, s.teamA.id)).resolves.toMatchObject({ canEdit: false });
  });
});

describe("submissions are immutable", () => {
  it("numbers versions, snapshots the document, and refuses any UPDATE in the database", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const P = s.project.id;
    const A = s.teamA.id;
    await saveTeamDocument(db, s.alice.user, P, A, { content: doc("Premier jet"), expectedVersion: 0 });
    const v1 = await submitWork(db, s.alice.user, P, A, { milestoneId: s.milestone.id, attachmentIds: [], message: "Voilà" });
    await saveTeamDocument(db, s.arthur.user, P, A, { content: doc("Après le rendu"), expectedVersion: 1 });
    // The submission kept the text of the moment.
    const seen = await getSubmission(db, s.alice.user, P, A, v1.id);
    expect(JSON.stringify(seen.submission.document)).toContain("Premier jet");
    expect(seen.submission.documentVersion).toBe(1);

    await expect(sql`update project_submission set message = 'modifié' where id = ${v1.id}`.execute(db)).rejects.toThrow(/immutable/);
    await expect(sql`update project_submission set document = '{"type":"doc","content":[]}' where id = ${v1.id}`.execute(db)).rejects.toThrow(/immutable/);

    await reviewSubmission(db, s.teacher, P, A, v1.id, { decision: "returned", comment: "Ajoutez vos sources.", assessment: [] });
    const v2 = await submitWork(db, s.arthur.user, P, A, { milestoneId: s.milestone.id, attachmentIds: [], message: "" });
    expect(v2.version).toBe(2);
    const stillV1 = await getSubmission(db, s.alice.user, P, A, v1.id);
    expect(JSON.stringify(stillV1.submission.document)).toContain("Premier jet");
    expect(stillV1.submission.message).toBe("Voilà");
    expect(stillV1.versions.map((v) => v.version)).toEqual([2, 1]);

    // Once accepted, the milestone is closed.
    await reviewSubmission(db, s.teacher, P, A, v2.id, { decision: "accepted", comment: "", assessment: [] });
    expect(await statusOf(submitWork(db, s.alice.user, P, A, { milestoneId: s.milestone.id, attachmentIds: [], message: "" }))).toBe(409);
  });

  it("shows the team the comments and each pupil only their own competence levels", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const P = s.project.id;
    const A = s.teamA.id;
    const sub = await submitWork(db, s.alice.user, P, A, { milestoneId: s.milestone.id, attachmentIds: [], message: "" });
    await reviewSubmission(db, s.teacher, P, A, sub.id, {
      decision: "returned",
      comment: "Bon début, complétez la conclusion.",
      assessment: [`${s.alice.seatId}|2.3|3`, `${s.alice.seatId}|3.1|2`, `${s.arthur.seatId}|2.3|4`, ""],
    });
    const forAlice = await getSubmission(db, s.alice.user, P, A, sub.id);
    expect(forAlice.reviews[0]).toMatchObject({ decision: "returned", comment: "Bon début, complétez la conclusion." });
    expect(forAlice.reviews[0]!.assessments.map((a) => [a.competence, a.level])).toEqual([
      ["2.3", 3],
      ["3.1", 2],
    ]);
    const forArthur = await getSubmission(db, s.arthur.user, P, A, sub.id);
    expect(forArthur.reviews[0]!.assessments.map((a) => [a.competence, a.level])).toEqual([["2.3", 4]]);
    const forTeacher = await getSubmission(db, s.teacher, P, A, sub.id);
    expect(forTeacher.reviews[0]!.assessments).toHaveLength(3);
    // A level for a pupil of another team, or a competence outside the project, is refused whole.
    expect(
      await statusOf(reviewSubmission(db, s.teacher, P, A, sub.id, { decision: "commented", comment: "x", assessment: [`${s.bruno.seatId}|2.3|3`] })),
    ).toBe(400);
    expect(
      await statusOf(reviewSubmission(db, s.teacher, P, A, sub.id, { decision: "commented", comment: "x", assessment: [`${s.alice.seatId}|5.2|3`] })),
    ).toBe(400);
    expect((await getSubmission(db, s.teacher, P, A, sub.id)).reviews).toHaveLength(1);
  });
});
