import type { DbOrTrx } from "../../../lib/db.server";

/** The team's files not in the trash. */
export async function countLiveFiles(db: DbOrTrx, teamId: string) {
  const { n } = await db
    .selectFrom("team_attachment")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("team_id", "=", teamId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertAttachment(
  db: DbOrTrx,
  file: { id: string; teamId: string; fileName: string; contentType: string; sizeBytes: number; storageKey: string; seatId: string },
) {
  await db
    .insertInto("team_attachment")
    .values({
      id: file.id,
      team_id: file.teamId,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.sizeBytes,
      storage_key: file.storageKey,
      uploaded_by_pupil_id: file.seatId,
    })
    .execute();
}

/** One of the team's files, not in the trash. */
export function findLiveAttachment(db: DbOrTrx, teamId: string, attachmentId: string) {
  return db
    .selectFrom("team_attachment")
    .selectAll()
    .where("id", "=", attachmentId)
    .where("team_id", "=", teamId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** One of the team's files in the trash. */
export function findDeletedAttachment(db: DbOrTrx, teamId: string, attachmentId: string) {
  return db
    .selectFrom("team_attachment")
    .select("id")
    .where("id", "=", attachmentId)
    .where("team_id", "=", teamId)
    .where("deleted_at", "is not", null)
    .executeTakeFirst();
}

/** Whether the file was handed in with a submission. */
export async function isHandedIn(db: DbOrTrx, attachmentId: string) {
  const row = await db.selectFrom("submission_attachment").select("submission_id").where("attachment_id", "=", attachmentId).executeTakeFirst();
  return !!row;
}

export async function markAttachmentDeleted(db: DbOrTrx, attachmentId: string, userId: string) {
  await db.updateTable("team_attachment").set({ deleted_at: new Date(), deleted_by: userId }).where("id", "=", attachmentId).execute();
}

export async function markAttachmentRestored(db: DbOrTrx, attachmentId: string) {
  await db.updateTable("team_attachment").set({ deleted_at: null, deleted_by: null }).where("id", "=", attachmentId).execute();
}

/** Locks the team's row until the transaction ends (restores and uploads against the file limit). */
export async function lockTeamRow(db: DbOrTrx, teamId: string) {
  await db.selectFrom("project_team").select("id").where("id", "=", teamId).forUpdate().execute();
}

/** Deletes the rows of files in the trash since before `before` and never handed in; their storage keys. */
export function deleteTrashedBefore(db: DbOrTrx, before: Date) {
  return db
    .deleteFrom("team_attachment")
    .where("deleted_at", "<", before)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("submission_attachment").select("submission_id").whereRef("submission_attachment.attachment_id", "=", "team_attachment.id"))))
    .returning("storage_key")
    .execute();
}
