import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { joinWindow, loadClassAccess } from "./access.server";
import { notConfigured } from "./join.server";
import { egressService, isNotFound, learnerPermission, livekitConfig, recordingOutput, roomService } from "./livekit.server";
import * as live from "./live-queries.server";
import * as q from "./queries.server";
import type { ModerationInput } from "./schemas";

export interface ModerationResult {
  intent: ModerationInput["intent"];
  /** False when LiveKit did not find the participant/room (not connected right now); the decision is kept all the same. */
  delivered: boolean;
}

const participantNotFound = () => appError(404, "participant_not_found", "classrooms:errors.participant_not_found");
const livekitFailed = () => appError(502, "livekit_error", "classrooms:errors.livekit_unavailable");

/** Runs one LiveKit call; "not found" is an expected answer (person or room gone), other failures are a 502. */
async function call(what: string, work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    logger.error({ err: error, what }, "LiveKit call failed");
    throw livekitFailed();
  }
}

/**
 * The moderation verbs. Each one is checked here, on the server, against the
 * caller's role for this class (host, co-host or coordinator) before any
 * LiveKit call is made; the decision is written to our database first so
 * that it also holds for the next token (speech granted, person removed).
 */
export async function moderate(db: Db, actor: User, classroomId: string, input: ModerationInput, now = new Date()): Promise<ModerationResult> {
  const access = await loadClassAccess(db, actor, classroomId);
  if (!access.canModerate) throw forbidden();
  const config = livekitConfig();
  if (!config) throw notConfigured();
  const { classroom } = access;
  const room = classroom.room_name;
  const rooms = roomService(config);

  switch (input.intent) {
    case "grant_speech":
    case "revoke_speech": {
      const canSpeak = input.intent === "grant_speech";
      const registration = await q.findRegistration(db, classroom.id, input.identity);
      if (!registration || registration.removed_at) throw participantNotFound();
      await q.setCanSpeak(db, classroom.id, input.identity, canSpeak);
      const delivered = await call("UpdateParticipant", () =>
        rooms.updateParticipant(room, input.identity, { permission: learnerPermission(canSpeak) }),
      );
      return { intent: input.intent, delivered };
    }
    case "mute_track": {
      const delivered = await call("MutePublishedTrack", () => rooms.mutePublishedTrack(room, input.identity, input.trackSid, true));
      return { intent: input.intent, delivered };
    }
    case "remove": {
      const registration = await q.findRegistration(db, classroom.id, input.identity);
      if (!registration) throw participantNotFound();
      // Revocation, in two layers:
      // 1. our flag (removed_at): issueJoinToken refuses this person from now on, and
      //    a participant_joined webhook for this identity makes us remove them again;
      // 2. LiveKit's own revocation: RemoveParticipant with revokeTokenTs = now tells
      //    the media server to refuse every token of this identity issued (nbf) before
      //    now, so a token copied before the removal cannot be replayed to rejoin.
      await q.markRemoved(db, classroom.id, input.identity, actor.id, now);
      const delivered = await call("RemoveParticipant", () =>
        rooms.removeParticipant(room, input.identity, { revokeTokenTs: BigInt(Math.ceil(now.getTime() / 1000)) }),
      );
      return { intent: input.intent, delivered };
    }
    case "end_class": {
      await q.markEnded(db, classroom.id, now);
      const delivered = await call("DeleteRoom", () => rooms.deleteRoom(room));
      return { intent: input.intent, delivered };
    }
    case "start_recording": {
      if (!classroom.recording_enabled) throw appError(409, "recording_disabled", "classrooms:errors.recording_disabled");
      if (joinWindow(classroom, now) !== "open") throw appError(409, "not_open", "classrooms:errors.recording_not_open");
      if (await live.findActiveRecording(db, classroom.id)) throw appError(409, "recording_active", "classrooms:errors.recording_active");
      const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
      const fileKey = `classrooms/${classroom.id}/${stamp}-${crypto.randomUUID().slice(0, 8)}.mp4`;
      let egressId = "";
      const delivered = await call("StartRoomCompositeEgress", async () => {
        const info = await egressService(config).startRoomCompositeEgress(room, { file: recordingOutput(fileKey) }, { layout: "grid" });
        egressId = info.egressId;
      });
      if (!delivered || !egressId) throw appError(409, "room_not_started", "classrooms:errors.room_not_started");
      await live.insertRecording(db, { classroomId: classroom.id, egressId, fileKey, startedBy: actor.id });
      return { intent: input.intent, delivered };
    }
    case "stop_recording": {
      const active = await live.findActiveRecording(db, classroom.id);
      if (!active) throw appError(409, "no_recording", "classrooms:errors.no_recording");
      // The row stays "active" until LiveKit's egress_ended webhook brings the file.
      const delivered = await call("StopEgress", () => egressService(config).stopEgress(active.egress_id));
      return { intent: input.intent, delivered };
    }
  }
}

/** Called after a webhook transaction: someone removed got back in (an old token): out again. */
export async function removeAgain(room: string, identity: string) {
  const config = livekitConfig();
  if (!config) return;
  try {
    await roomService(config).removeParticipant(room, identity, { revokeTokenTs: BigInt(Math.ceil(Date.now() / 1000)) });
  } catch (error) {
    if (!isNotFound(error)) logger.error({ err: error, room, identity }, "could not remove a removed participant again");
  }
}
