import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { fileStorage } from "../../lib/storage.server";
import { loadClassAccess, type ClassAccess } from "./access.server";
import * as live from "./live-queries.server";

/** Replays are for the people of the class: its hosts, the coordination and its registered learners. */
function requireReplayAllowed(access: ClassAccess) {
  const registered = !!access.registration && !access.registration.removed_at;
  if (!access.canModerate && !access.isHost && !access.isCohost && !registered) throw forbidden();
}

export async function listClassRecordings(db: Db, user: User, classroomId: string) {
  const access = await loadClassAccess(db, user, classroomId);
  requireReplayAllowed(access);
  const all = await live.listRecordings(db, access.classroom.id);
  // Learners see finished recordings; hosts also see the ones running or failed.
  const recordings = access.canModerate ? all : all.filter((r) => r.status === "complete");
  return {
    classroom: access.classroom,
    canModerate: access.canModerate,
    recordings: recordings.map((r) => ({
      id: r.id,
      status: r.status,
      startedAt: r.started_at,
      durationMinutes: r.duration_ms ? Math.max(1, Math.round(Number(r.duration_ms) / 60_000)) : null,
    })),
  };
}

const recordingMissing = () => appError(404, "recording_missing", "classrooms:errors.recording_missing");

/**
 * The recording's bytes through our storage interface (local folder or S3),
 * with HTTP range support so that the video element can seek.
 */
export async function openRecording(db: Db, user: User, classroomId: string, recordingId: string, range: string | null) {
  const access = await loadClassAccess(db, user, classroomId);
  requireReplayAllowed(access);
  if (!isUuid(recordingId)) throw recordingMissing();
  const recording = await live.findRecording(db, access.classroom.id, recordingId);
  if (!recording || recording.status !== "complete") throw recordingMissing();
  const stored = await fileStorage().get(recording.file_key);
  if (!stored) throw recordingMissing();
  const size = stored.body.byteLength;
  const headers: Record<string, string> = {
    "Content-Type": stored.contentType.startsWith("video/") ? stored.contentType : "video/mp4",
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store",
    "Content-Disposition": "inline",
  };
  const match = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
  if (match && (match[1] || match[2])) {
    let start = match[1] ? Number(match[1]) : size - Number(match[2]);
    let end = match[1] && match[2] ? Number(match[2]) : size - 1;
    start = Math.max(0, start);
    end = Math.min(end, size - 1);
    if (start > end || start >= size) {
      return { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}` }, body: new Uint8Array() };
    }
    return {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": String(end - start + 1) },
      body: stored.body.subarray(start, end + 1),
    };
  }
  return { status: 200, headers: { ...headers, "Content-Length": String(size) }, body: stored.body };
}
