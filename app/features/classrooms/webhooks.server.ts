import { EgressStatus, type WebhookEvent } from "livekit-server-sdk";
import type { Db } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import { logger } from "../../lib/logger.server";
import { livekitConfig, receiveWebhook, WebhookRejected } from "./livekit.server";
import { removeAgain } from "./moderation.server";
import * as live from "./live-queries.server";
import * as q from "./queries.server";

/** A webhook body is a few kilobytes; anything much larger is not LiveKit. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type WebhookOutcome =
  | { status: 200; result: "processed" | "duplicate" | "ignored" }
  | { status: 400 | 401 | 413 | 503; result: "bad_request" | "unauthorized" | "too_large" | "not_configured" };

const seconds = (value: bigint | number | undefined) => (value ? new Date(Number(value) * 1000) : null);

/** When the participant connected: LiveKit gives milliseconds (newer servers) or seconds. */
function joinedAtOf(event: WebhookEvent): Date | null {
  const p = event.participant;
  if (!p) return null;
  if (p.joinedAtMs) return new Date(Number(p.joinedAtMs));
  return seconds(p.joinedAt);
}

/**
 * Handles one LiveKit webhook. Nothing is read from the body before the
 * signature over its exact bytes has been checked. The event id is written
 * in the same transaction as its effects: a redelivered event finds its id
 * taken and changes nothing, and an event whose processing failed left no
 * id behind, so LiveKit's retry is processed in full.
 */
export async function handleLiveKitWebhook(db: Db, rawBody: string, authorization: string | null): Promise<WebhookOutcome> {
  const config = livekitConfig();
  if (!config) return { status: 503, result: "not_configured" };
  if (Buffer.byteLength(rawBody) > MAX_WEBHOOK_BYTES) return { status: 413, result: "too_large" };
  let event: WebhookEvent;
  try {
    event = await receiveWebhook(config, rawBody, authorization);
  } catch (error) {
    if (error instanceof WebhookRejected) {
      logger.warn({ reason: error.message }, "LiveKit webhook refused");
      return { status: 401, result: "unauthorized" };
    }
    throw error;
  }
  if (!event.id || !event.event) return { status: 400, result: "bad_request" };

  const roomName = event.room?.name || event.egressInfo?.roomName || null;
  const createdAt = seconds(event.createdAt) ?? new Date();
  const removeAfterCommit: { room: string; identity: string }[] = [];

  const result = await db.transaction().execute(async (trx) => {
    const fresh = await live.recordWebhookEvent(trx, { id: event.id, event: event.event, roomName, createdAt });
    if (!fresh) return "duplicate" as const;
    const classroom = roomName ? await q.findClassroomByRoom(trx, roomName) : undefined;
    if (!classroom) return "ignored" as const;

    switch (event.event) {
      case "room_started":
        await live.setRoomStarted(trx, classroom.id, seconds(event.room?.creationTime) ?? createdAt);
        return "processed" as const;
      case "room_finished":
        await live.setRoomFinished(trx, classroom.id, createdAt);
        return "processed" as const;
      case "participant_joined":
      case "participant_left":
      case "participant_connection_aborted": {
        const identity = event.participant?.identity ?? "";
        const sid = event.participant?.sid ?? "";
        // Only our users (identity = user id); egress recorders and agents have other identities.
        if (!isUuid(identity) || !sid || !(await live.userExists(trx, identity))) return "ignored" as const;
        if (event.event === "participant_joined") {
          await live.recordJoin(trx, { classroomId: classroom.id, userId: identity, sid, at: joinedAtOf(event) ?? createdAt });
          const registration = await q.findRegistration(trx, classroom.id, identity);
          if (registration?.removed_at) removeAfterCommit.push({ room: classroom.room_name, identity });
        } else {
          await live.recordLeave(trx, { classroomId: classroom.id, userId: identity, sid, joinedAt: joinedAtOf(event), at: createdAt });
        }
        return "processed" as const;
      }
      case "egress_ended": {
        const info = event.egressInfo;
        if (!info?.egressId) return "ignored" as const;
        const file = info.fileResults[0];
        const ok = info.status === EgressStatus.EGRESS_COMPLETE && !!file;
        await live.finishRecording(trx, info.egressId, {
          status: ok ? "complete" : "failed",
          location: file?.location || null,
          sizeBytes: file?.size ? file.size.toString() : null,
          durationMs: file?.duration ? (file.duration / 1_000_000n).toString() : null,
          error: info.error || null,
          endedAt: seconds(info.endedAt ? info.endedAt / 1_000_000_000n : undefined) ?? createdAt,
        });
        return "processed" as const;
      }
      default:
        return "ignored" as const;
    }
  });

  for (const { room, identity } of removeAfterCommit) await removeAgain(room, identity);
  return { status: 200, result };
}
