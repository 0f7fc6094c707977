import type { User } from "../../../db/schema/accounts";
import { type Db, type DbOrTrx, withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import type { PeriodicJob } from "../../lib/jobs.server";
import { releaseStorage, reserveStorage } from "../../lib/quota.server";
import { fileStorage, type UploadRules } from "../../lib/storage.server";
import { notFound, teamAccess, teamMemberAccess } from "./access.server";
import { checkUploadSafely } from "./rich.server";

/** What a team may attach: documents, images, sound and short videos; 10 MB each, 30 files per team. */
export const ATTACHMENT_RULES: UploadRules = {
  maxBytes: 10 * 1024 * 1024,
  allowed: [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "audio/mpeg",
    "video/mp4",
    "text/plain",
  ],
};
export const MAX_FILES_PER_TEAM = 30;

/** A file name safe to show and to send back in Content-Disposition. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").replace(/\s+/g, " ").trim().slice(0, 120);
  return cleaned || "fichier";
}

/** A team keeps at most MAX_FILES_PER_TEAM files (deleted ones waiting in the trash do not count). */
async function requireRoomForFile(db: DbOrTrx, teamId: string) {
  const { n } = await db
    .selectFrom("team_attachment")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("team_id", "=", teamId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_FILES_PER_TEAM) throw appError(409, "too_many_files", "projects:errors.too_many_files", { max: MAX_FILES_PER_TEAM });
}

export async function uploadAttachment(db: Db, user: User, projectId: string, teamId: string, file: File | null) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  if (!file || file.size === 0) throw appError(400, "file_empty", "files:errors.empty");
  if (file.size > ATTACHMENT_RULES.maxBytes) {
    throw appError(413, "file_too_large", "files:errors.too_large", { max: ATTACHMENT_RULES.maxBytes / 1024 / 1024 });
  }
  const body = new Uint8Array(await file.arrayBuffer());
  const contentType = await checkUploadSafely(body, ATTACHMENT_RULES);
  await requireRoomForFile(db, access.team.id);
  const id = crypto.randomUUID();
  const key = `projects/${access.project.id}/${access.team.id}/${id}`;
  await reserveStorage(db, { key, kind: "team_file", ownerId: user.id, bytes: body.byteLength, files: 1 });
  try {
    // The file first, then the row: a crash in between leaves an orphan file, never a row without its file.
    await fileStorage().put(key, body, contentType);
    await db
      .insertInto("team_attachment")
      .values({
        id,
        team_id: access.team.id,
        file_name: cleanFileName(file.name),
        content_type: contentType,
        size_bytes: body.byteLength,
        storage_key: key,
        uploaded_by_pupil_id: access.viewer.seatId,
      })
      .execute();
  } catch (error) {
    await releaseStorage(db, key);
    throw error;
  }
  return { id };
}

/** The file, for the team's pupils and the project's teachers only. */
export async function getAttachmentFile(db: Db, user: User, projectId: string, teamId: string, attachmentId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  const row = isUuid(attachmentId)
    ? await db
        .selectFrom("team_attachment")
        .selectAll()
        .where("id", "=", attachmentId)
        .where("team_id", "=", access.team.id)
        .where("deleted_at", "is", null)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound("file");
  const stored = await fileStorage().get(row.storage_key);
  if (!stored) throw notFound("file");
  return { fileName: row.file_name, contentType: row.content_type, body: stored.body };
}

/** How long a deleted team file can be put back before it is purged. */
export const FILE_TRASH_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Deleting a team file puts it aside for FILE_TRASH_DAYS: a classmate's
 * mistake can be undone by the team or its teachers. A file handed in with a
 * submission stays (the submission must keep what was handed in).
 */
export async function deleteAttachment(db: Db, user: User, projectId: string, teamId: string, attachmentId: string) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const row = await db
    .selectFrom("team_attachment")
    .selectAll()
    .where("id", "=", attachmentId)
    .where("team_id", "=", access.team.id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw notFound("file");
  const handedIn = await db.selectFrom("submission_attachment").select("submission_id").where("attachment_id", "=", row.id).executeTakeFirst();
  if (handedIn) throw appError(409, "file_handed_in", "projects:errors.file_handed_in");
  await db.updateTable("team_attachment").set({ deleted_at: new Date(), deleted_by: user.id }).where("id", "=", row.id).execute();
}

/** Puts a deleted file back, if the team still has room for it: the team's pupils or its teachers. */
export async function restoreAttachment(db: Db, user: User, projectId: string, teamId: string, attachmentId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  await withRetryingTransaction(db, async (trx) => {
    // The team's row serialises restores and uploads against the file limit.
    await trx.selectFrom("project_team").select("id").where("id", "=", access.team.id).forUpdate().execute();
    const row = await trx
      .selectFrom("team_attachment")
      .select("id")
      .where("id", "=", attachmentId)
      .where("team_id", "=", access.team.id)
      .where("deleted_at", "is not", null)
      .executeTakeFirst();
    if (!row) throw notFound("file");
    await requireRoomForFile(trx, access.team.id);
    await trx.updateTable("team_attachment").set({ deleted_at: null, deleted_by: null }).where("id", "=", row.id).execute();
  });
}

/** Removes files deleted more than FILE_TRASH_DAYS ago, rows then bytes (a failed byte delete leaves an orphan, never a dangling row). */
export async function purgeDeletedAttachments(db: Db, now = new Date()) {
  const gone = await db
    .deleteFrom("team_attachment")
    .where("deleted_at", "<", new Date(now.getTime() - FILE_TRASH_DAYS * DAY_MS))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("submission_attachment").select("submission_id").whereRef("submission_attachment.attachment_id", "=", "team_attachment.id"))))
    .returning("storage_key")
    .execute();
  for (const { storage_key } of gone) await fileStorage().delete(storage_key);
  await releaseStorage(db, gone.map((g) => g.storage_key));
  return gone.length;
}

export const attachmentTrashJob: PeriodicJob = {
  name: "purge-team-file-trash",
  everyMs: 6 * 60 * 60 * 1000,
  run: (db, now) => purgeDeletedAttachments(db, now),
};

/** The upload's permission check, run before the body is read. */
export async function teamFileAccess(db: Db, user: User, projectId: string, teamId: string) {
  await teamMemberAccess(db, user, projectId, teamId);
}
