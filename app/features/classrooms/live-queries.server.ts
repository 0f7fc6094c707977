import { sql } from "kysely";
import type { RecordingStatus } from "../../../db/schema/classrooms";
import type { DbOrTrx } from "../../lib/db.server";

/** Queries fed by LiveKit: webhook events, room state, presence and recordings. */

// ── webhooks ───────────────────────────────────────────────────────────

/** True when the event is new; false when this id was already handled (redelivery). */
export async function recordWebhookEvent(
  db: DbOrTrx,
  event: { id: string; event: string; roomName: string | null; createdAt: Date | null },
) {
  const inserted = await db
    .insertInto("classroom_webhook_event")
    .values({ id: event.id, event: event.event, room_name: event.roomName, created_at: event.createdAt })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return !!inserted;
}

export async function setRoomStarted(db: DbOrTrx, id: string, at: Date) {
  await db
    .updateTable("classroom")
    .set({ room_started_at: sql`coalesce(room_started_at, ${at})` })
    .where("id", "=", id)
    .execute();
}

export async function setRoomFinished(db: DbOrTrx, id: string, at: Date) {
  await db
    .updateTable("classroom")
    .set({ room_finished_at: sql`greatest(room_finished_at, ${at})` })
    .where("id", "=", id)
    .execute();
}

/**
 * Join and leave of one connection may arrive in any order: each fills its
 * own column of the row keyed by the participant sid.
 */
export async function recordJoin(db: DbOrTrx, row: { classroomId: string; userId: string; sid: string; at: Date }) {
  await db
    .insertInto("classroom_presence")
    .values({ classroom_id: row.classroomId, user_id: row.userId, participant_sid: row.sid, joined_at: row.at })
    .onConflict((oc) =>
      oc.columns(["classroom_id", "participant_sid"]).doUpdateSet({ joined_at: sql`coalesce(classroom_presence.joined_at, excluded.joined_at)` }),
    )
    .execute();
}

export async function recordLeave(
  db: DbOrTrx,
  row: { classroomId: string; userId: string; sid: string; joinedAt: Date | null; at: Date },
) {
  await db
    .insertInto("classroom_presence")
    .values({ classroom_id: row.classroomId, user_id: row.userId, participant_sid: row.sid, joined_at: row.joinedAt, left_at: row.at })
    .onConflict((oc) =>
      oc.columns(["classroom_id", "participant_sid"]).doUpdateSet({
        joined_at: sql`coalesce(classroom_presence.joined_at, excluded.joined_at)`,
        left_at: sql`greatest(classroom_presence.left_at, excluded.left_at)`,
      }),
    )
    .execute();
}

export function listPresence(db: DbOrTrx, classroomId: string) {
  return db
    .selectFrom("classroom_presence")
    .select(["user_id", "joined_at", "left_at"])
    .where("classroom_id", "=", classroomId)
    .execute();
}


export function listPresenceOfUser(db: DbOrTrx, userId: string, classroomIds: string[]) {
  if (classroomIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("classroom_presence")
    .select(["classroom_id", "joined_at", "left_at"])
    .where("user_id", "=", userId)
    .where("classroom_id", "in", classroomIds)
    .execute();
}

export async function userExists(db: DbOrTrx, id: string) {
  return !!(await db.selectFrom("app_user").select("id").where("id", "=", id).executeTakeFirst());
}

// ── recordings ─────────────────────────────────────────────────────────

export function insertRecording(db: DbOrTrx, values: { classroomId: string; egressId: string; fileKey: string; startedBy: string }) {
  return db
    .insertInto("classroom_recording")
    .values({ classroom_id: values.classroomId, egress_id: values.egressId, file_key: values.fileKey, started_by: values.startedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findActiveRecording(db: DbOrTrx, classroomId: string) {
  return db
    .selectFrom("classroom_recording")
    .selectAll()
    .where("classroom_id", "=", classroomId)
    .where("status", "=", "active")
    .orderBy("started_at", "desc")
    .executeTakeFirst();
}

export async function finishRecording(
  db: DbOrTrx,
  egressId: string,
  values: { status: RecordingStatus; location: string | null; sizeBytes: string | null; durationMs: string | null; error: string | null; endedAt: Date },
) {
  await db
    .updateTable("classroom_recording")
    .set({
      status: values.status,
      location: values.location,
      size_bytes: values.sizeBytes,
      duration_ms: values.durationMs,
      error: values.error,
      ended_at: values.endedAt,
    })
    .where("egress_id", "=", egressId)
    .execute();
}

export function listRecordings(db: DbOrTrx, classroomId: string) {
  return db
    .selectFrom("classroom_recording")
    .selectAll()
    .where("classroom_id", "=", classroomId)
    .orderBy("started_at")
    .execute();
}

export function findRecording(db: DbOrTrx, classroomId: string, recordingId: string) {
  return db
    .selectFrom("classroom_recording")
    .selectAll()
    .where("classroom_id", "=", classroomId)
    .where("id", "=", recordingId)
    .executeTakeFirst();
}
