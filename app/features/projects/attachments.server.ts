import type { User } from "../../../db/schema/accounts";
import { type Db, type DbOrTrx, withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import type { PeriodicJob } from "../../lib/jobs.server";
import { releaseStorage, reserveStorage } from "../../lib/quota.server";
import { fileStorage, type UploadRules } from "../../lib/storage.server";
import { notFound, teamAccess, teamMemberAccess } from "./access.server";
import * as q from "./attachments/queries.server";
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
  if ((await q.countLiveFiles(db, teamId)) >= MAX_FILES_PER_TEAM) throw appError(409, "too_many_files", "projects:errors.too_many_files", { max: MAX_FILES_PER_TEAM });
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
    await q.insertAttachment(db, {
      id,
      teamId: access.team.id,
      fileName: cleanFileName(file.name),
      contentType,
      sizeBytes: body.byteLength,
      storageKey: key,
      seatId: access.viewer.seatId,
    });
  } catch (error) {
    await releaseStorage(db, key);
    throw error;
  }
  return { id };
}

/** The file, for the team's pupils and the project's teachers only. */
export async function getAttachmentFile(db: Db, user: User, projectId: string, teamId: string, attachmentId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  const row = isUuid(attachmentId) ? await q.findLiveAttachment(db, access.team.id, attachmentId) : undefined;
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
  const row = await q.findLiveAttachment(db, access.team.id, attachmentId);
  if (!row) throw notFound("file");
  if (await q.isHandedIn(db, row.id)) throw appError(409, "file_handed_in", "projects:errors.file_handed_in");
  await q.markAttachmentDeleted(db, row.id, user.id);
}

/** Puts a deleted file back, if the team still has room for it: the team's pupils or its teachers. */
export async function restoreAttachment(db: Db, user: User, projectId: string, teamId: string, attachmentId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  await withRetryingTransaction(db, async (trx) => {
    // The team's row serialises restores and uploads against the file limit.
    await q.lockTeamRow(trx, access.team.id);
    const row = await q.findDeletedAttachment(trx, access.team.id, attachmentId);
    if (!row) throw notFound("file");
    await requireRoomForFile(trx, access.team.id);
    await q.markAttachmentRestored(trx, row.id);
  });
}

/** Removes files deleted more than FILE_TRASH_DAYS ago, rows then bytes (a failed byte delete leaves an orphan, never a dangling row). */
export async function purgeDeletedAttachments(db: Db, now = new Date()) {
  const gone = await q.deleteTrashedBefore(db, new Date(now.getTime() - FILE_TRASH_DAYS * DAY_MS));
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
