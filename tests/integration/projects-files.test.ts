import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  deleteAttachment,
  FILE_TRASH_DAYS,
  getAttachmentFile,
  purgeDeletedAttachments,
  restoreAttachment,
  uploadAttachment,
} from "../../app/features/projects/attachments.server";
import { submitWork } from "../../app/features/projects/submissions.server";
import { getTeamSpace } from "../../app/features/projects/teams.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { fileStorage } from "../../app/lib/storage.server";
import { testDb } from "../helpers/db";
import { classWithTeams, statusOf } from "./projects-fixtures";

beforeAll(() => {
  // Uploaded files go to a folder of this run, not to ./data.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "passerelle-project-files-"));
  resetEnvForTests();
});

const pdf = (name = "enquete.pdf") =>
  new File([new TextEncoder().encode("%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], name, { type: "application/pdf" });
const DAY = 86_400_000;

describe("a team's deleted files", () => {
  it("can be put back by a teammate or the teacher for 30 days, then are purged with their bytes", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const [P, A] = [s.project.id, s.teamA.id];
    const file = await uploadAttachment(db, s.alice.user, P, A, pdf());

    // Arthur deletes Alice's file by mistake: it leaves the list and cannot be downloaded or handed in.
    await deleteAttachment(db, s.arthur.user, P, A, file.id);
    const space = await getTeamSpace(db, s.alice.user, P, A);
    expect(space.files).toEqual([]);
    expect(space.deletedFiles.map((f) => f.id)).toEqual([file.id]);
    expect(await statusOf(getAttachmentFile(db, s.alice.user, P, A, file.id))).toBe(404);
    expect(await statusOf(submitWork(db, s.alice.user, P, A, { milestoneId: s.milestone.id, attachmentIds: [file.id], message: "" }))).not.toBe("ok");
    // Deleting twice, or from another team, finds nothing.
    expect(await statusOf(deleteAttachment(db, s.arthur.user, P, A, file.id))).toBe(404);
    expect(await statusOf(restoreAttachment(db, s.bruno.user, P, A, file.id))).toBe(404);

    // Alice puts it back: same file, same bytes.
    await restoreAttachment(db, s.alice.user, P, A, file.id);
    expect((await getAttachmentFile(db, s.alice.user, P, A, file.id)).fileName).toBe("enquete.pdf");

    // The teacher can put one back too.
    await deleteAttachment(db, s.alice.user, P, A, file.id);
    await restoreAttachment(db, s.teacher, P, A, file.id);
    expect((await getTeamSpace(db, s.teacher, P, A)).files.map((f) => f.id)).toEqual([file.id]);

    // Past the trash period, the purge removes the row and the stored bytes; recent deletions stay.
    const recent = await uploadAttachment(db, s.alice.user, P, A, pdf("recent.pdf"));
    await deleteAttachment(db, s.alice.user, P, A, file.id);
    await deleteAttachment(db, s.alice.user, P, A, recent.id);
    const old = new Date(Date.now() - (FILE_TRASH_DAYS + 1) * DAY);
    await db.updateTable("team_attachment").set({ deleted_at: old }).where("id", "=", file.id).execute();
    const key = (await db.selectFrom("team_attachment").select("storage_key").where("id", "=", file.id).executeTakeFirstOrThrow()).storage_key;
    expect(await purgeDeletedAttachments(db)).toBe(1);
    expect(await db.selectFrom("team_attachment").select("id").where("id", "=", file.id).execute()).toEqual([]);
    expect(await fileStorage().get(key)).toBeNull();
    expect((await getTeamSpace(db, s.alice.user, P, A)).deletedFiles.map((f) => f.id)).toEqual([recent.id]);
  });

  it("keeps a file that was handed in", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    const file = await uploadAttachment(db, s.bruno.user, s.project.id, s.teamB.id, pdf());
    await submitWork(db, s.bruno.user, s.project.id, s.teamB.id, { milestoneId: s.milestone.id, attachmentIds: [file.id], message: "" });
    expect(await statusOf(deleteAttachment(db, s.bruno.user, s.project.id, s.teamB.id, file.id))).toBe(409);
  });
});
