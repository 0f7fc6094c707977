import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AccessToken, ParticipantPermission, TokenVerifier, TrackSource } from "livekit-server-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Classroom } from "../../db/schema/classrooms";
import { issueJoinToken } from "../../app/features/classrooms/service.server";
import type { Db } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { fileStorage } from "../../app/lib/storage.server";
import { action as moderationAction } from "../../app/routes/classes.moderation";
import { action as webhookAction } from "../../app/routes/api.livekit-webhook";
import { loader as recordingFileLoader } from "../../app/routes/classes.recording-file";
import { loader as recordingsLoader } from "../../app/routes/classes.recordings";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { startTwirpStandIn, type TwirpStandIn } from "../helpers/livekit-twirp";
import {
  configureLiveKit,
  LIVEKIT_KEY,
  LIVEKIT_SECRET,
  makeClass,
  postForm,
  register,
  routeContext,
  signWebhook,
  unconfigureLiveKit,
  webhookEvent,
  webhookRequest,
} from "./classrooms-support";

let db: Db;
let livekit: TwirpStandIn;
let host: User;
let cohost: User;
let otherMediator: User;
let coordinator: User;
let learner: User;
let classmate: User;
let classroom: Classroom;
let dataDir: string;
const previousDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  db = await testDb();
  livekit = await startTwirpStandIn({ apiKey: LIVEKIT_KEY, apiSecret: LIVEKIT_SECRET });
  // Recordings are served from our file storage: a private folder for this file.
  dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-classrooms-"));
  process.env.DATA_DIR = dataDir;
  configureLiveKit(livekit.url);
  host = await createUser(db, { role: "mediator", firstName: "Amina" });
  cohost = await createUser(db, { role: "teacher", firstName: "Thomas" });
  otherMediator = await createUser(db, { role: "mediator" });
  coordinator = await createUser(db, { role: "coordinator" });
  learner = await createUser(db, { firstName: "Josette" });
  classmate = await createUser(db, { firstName: "Marcel" });
});
afterAll(async () => {
  unconfigureLiveKit();
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  resetEnvForTests();
  await livekit?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  livekit.reset();
  classroom = await makeClass(db, host, { startsAt: new Date(Date.now() - 5 * 60_000), cohosts: [cohost], recording: true });
  await register(db, classroom, learner, classmate);
  livekit.addParticipant(classroom.room_name, learner.id, [
    { sid: "TR_learnerMic", source: "microphone" },
    { sid: "TR_learnerCam", source: "camera" },
  ]);
});

async function moderate(user: User, fields: Record<string, string>, classroomId = classroom.id) {
  const response = (await moderationAction({
    request: postForm(`/classes/${classroomId}/moderation`, fields),
    context: routeContext(db, user),
    params: { id: classroomId },
  } as never)) as Response;
  return { status: response.status, body: await response.json() };
}

async function sendWebhook(body: string) {
  const response = (await webhookAction({ request: webhookRequest(body, await signWebhook(body)), context: routeContext(db), params: {} } as never)) as Response;
  return response.status;
}

const registration = (userId: string) =>
  db.selectFrom("classroom_registration").selectAll().where("classroom_id", "=", classroom.id).where("user_id", "=", userId).executeTakeFirstOrThrow();

describe("moderation through LiveKit's server API (against the Twirp stand-in)", () => {
  it("grants speech with UpdateParticipant, sending the whole permission set, under a room-admin token for this room", async () => {
    const result = await moderate(host, { intent: "grant_speech", identity: learner.id });
    expect(result).toEqual({ status: 200, body: { intent: "grant_speech", delivered: true } });
    expect(livekit.calls).toHaveLength(1);
    const [call] = livekit.calls;
    expect(call).toMatchObject({ service: "RoomService", method: "UpdateParticipant", body: { room: classroom.room_name, identity: learner.id } });
    expect(call!.claims.video).toMatchObject({ roomAdmin: true, room: classroom.room_name });
    expect(call!.claims.video?.roomJoin).toBeUndefined();
    const permission = ParticipantPermission.fromJson(call!.body.permission as never);
    expect(permission.canPublish).toBe(true);
    expect(permission.canSubscribe).toBe(true);
    expect(permission.canPublishData).toBe(true);
    expect(permission.canPublishSources).toEqual([TrackSource.MICROPHONE, TrackSource.CAMERA]);
    // The decision is kept: the learner's next token (a reconnection) can publish.
    expect((await registration(learner.id)).can_speak).toBe(true);
    const ticket = await issueJoinToken(db, learner, classroom.id);
    expect((await new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(ticket.token)).video?.canPublish).toBe(true);
  });

  it("revokes speech with the full set too: chat and listening stay on, publishing goes off", async () => {
    await moderate(host, { intent: "grant_speech", identity: learner.id });
    const result = await moderate(cohost, { intent: "revoke_speech", identity: learner.id });
    expect(result.status).toBe(200);
    const call = livekit.calls.at(-1)!;
    expect(call.method).toBe("UpdateParticipant");
    const permission = ParticipantPermission.fromJson(call.body.permission as never);
    expect({ canPublish: permission.canPublish, canSubscribe: permission.canSubscribe, canPublishData: permission.canPublishData }).toEqual({
      canPublish: false,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(permission.canPublishSources).toEqual([]);
    expect((await registration(learner.id)).can_speak).toBe(false);
  });

  it("mutes a published track with MutePublishedTrack", async () => {
    const result = await moderate(host, { intent: "mute_track", identity: learner.id, trackSid: "TR_learnerMic" });
    expect(result).toEqual({ status: 200, body: { intent: "mute_track", delivered: true } });
    expect(livekit.calls[0]).toMatchObject({
      method: "MutePublishedTrack",
      body: { room: classroom.room_name, identity: learner.id, trackSid: "TR_learnerMic", muted: true },
    });
    expect(livekit.calls[0]!.claims.video).toMatchObject({ roomAdmin: true, room: classroom.room_name });
    expect((await moderate(host, { intent: "mute_track", identity: learner.id, trackSid: "not a sid" })).status).toBe(400);
  });

  it("removes a participant and revokes their tokens: no new token, the old one refused at join, a rejoin kicked", async () => {
    const before = await issueJoinToken(db, learner, classroom.id);
    expect(await livekit.wouldAdmit(before.token)).toBe(true);
    // LiveKit compares whole seconds: the removal happens in a later second than the old token.
    await new Promise((r) => setTimeout(r, 1100));

    const result = await moderate(host, { intent: "remove", identity: learner.id });
    expect(result).toEqual({ status: 200, body: { intent: "remove", delivered: true } });
    const call = livekit.calls[0]!;
    expect(call).toMatchObject({ method: "RemoveParticipant", body: { room: classroom.room_name, identity: learner.id } });
    expect(Number(call.body.revokeTokenTs)).toBeGreaterThan(Math.floor(Date.now() / 1000) - 5);
    expect(call.claims.video).toMatchObject({ roomAdmin: true, room: classroom.room_name });
    expect(livekit.isInRoom(classroom.room_name, learner.id)).toBe(false);

    // 1. Our server refuses a new token.
    const refused = await issueJoinToken(db, learner, classroom.id).catch((e) => e);
    expect(refused.init?.status).toBe(403);
    expect(refused.data.code).toBe("removed");
    // 2. LiveKit refuses the token issued before the removal (revokeTokenTs).
    expect(await livekit.wouldAdmit(before.token)).toBe(false);
    // A token for someone else is unaffected.
    expect(await livekit.wouldAdmit((await issueJoinToken(db, classmate, classroom.id)).token)).toBe(true);
    // 3. Should they get in anyway, the participant_joined webhook makes us remove them again.
    livekit.addParticipant(classroom.room_name, learner.id);
    const joined = webhookEvent("participant_joined", classroom, new Date(), { participant: { identity: learner.id, sid: "PA_back", joinedAt: new Date() } });
    expect(await sendWebhook(joined)).toBe(200);
    expect(livekit.calls.filter((c) => c.method === "RemoveParticipant")).toHaveLength(2);
    expect(livekit.isInRoom(classroom.room_name, learner.id)).toBe(false);
    expect((await registration(learner.id)).removed_at).not.toBeNull();
  });

  it("ends the class with DeleteRoom under a roomCreate token; no token afterwards", async () => {
    const result = await moderate(coordinator, { intent: "end_class" });
    expect(result).toEqual({ status: 200, body: { intent: "end_class", delivered: true } });
    expect(livekit.calls[0]).toMatchObject({ service: "RoomService", method: "DeleteRoom", body: { room: classroom.room_name } });
    expect(livekit.calls[0]!.claims.video).toMatchObject({ roomCreate: true });
    const refused = await issueJoinToken(db, learner, classroom.id).catch((e) => e);
    expect(refused.data.code).toBe("closed");
  });

  it("keeps the decision when the person is not connected (LiveKit answers not_found)", async () => {
    const result = await moderate(host, { intent: "grant_speech", identity: classmate.id });
    expect(result).toEqual({ status: 200, body: { intent: "grant_speech", delivered: false } });
    expect((await registration(classmate.id)).can_speak).toBe(true);
  });

  it("answers 403 to a learner, a mediator of another class and a signed-out caller — before any LiveKit call", async () => {
    for (const user of [learner, otherMediator]) {
      const attempts: Record<string, string>[] = [
        { intent: "grant_speech", identity: classmate.id },
        { intent: "mute_track", identity: classmate.id, trackSid: "TR_x" },
        { intent: "remove", identity: classmate.id },
        { intent: "end_class" },
        { intent: "start_recording" },
      ];
      for (const fields of attempts) {
        const result = await moderate(user, fields);
        expect(result.status, `${user.role} ${fields.intent}`).toBe(403);
        expect(result.body.error.code).toBe("forbidden");
      }
    }
    const anonymous = (await moderationAction({
      request: postForm(`/classes/${classroom.id}/moderation`, { intent: "end_class" }),
      context: routeContext(db),
      params: { id: classroom.id },
    } as never)) as Response;
    expect(anonymous.status).toBe(401);
    expect(livekit.calls).toEqual([]);
    expect((await registration(classmate.id)).can_speak).toBe(false);
    expect((await registration(classmate.id)).removed_at).toBeNull();
  });

  it("records: StartRoomCompositeEgress/StopEgress with roomRecord, egress_ended stores the file, learners replay it", async () => {
    livekit.addParticipant(classroom.room_name, host.id);
    const started = await moderate(host, { intent: "start_recording" });
    expect(started.status).toBe(200);
    const start = livekit.calls[0]!;
    expect(start).toMatchObject({ service: "Egress", method: "StartRoomCompositeEgress", body: { roomName: classroom.room_name, layout: "grid" } });
    expect(start.claims.video).toMatchObject({ roomRecord: true });
    const recording = await db.selectFrom("classroom_recording").selectAll().where("classroom_id", "=", classroom.id).executeTakeFirstOrThrow();
    expect(recording.status).toBe("active");
    const fileOutputs = start.body.fileOutputs as { filepath: string; fileType?: string }[];
    expect(fileOutputs[0]).toMatchObject({ filepath: recording.file_key, fileType: "MP4" });
    expect(recording.file_key).toMatch(new RegExp(`^classrooms/${classroom.id}/\\d{8}T\\d{6}-[0-9a-f]{8}\\.mp4$`));
    expect((await moderate(host, { intent: "start_recording" })).body.error.code).toBe("recording_active");

    const stopped = await moderate(host, { intent: "stop_recording" });
    expect(stopped.status).toBe(200);
    expect(livekit.calls.at(-1)).toMatchObject({ service: "Egress", method: "StopEgress", body: { egressId: recording.egress_id } });
    expect(livekit.calls.at(-1)!.claims.video).toMatchObject({ roomRecord: true });

    // Egress wrote the file into our storage; LiveKit then reports it.
    const video = new Uint8Array(4096).map((_, i) => i % 251);
    await fileStorage().put(recording.file_key, video, "video/mp4");
    const ended = webhookEvent("egress_ended", classroom, new Date(), {
      egressInfo: {
        egressId: recording.egress_id,
        roomName: classroom.room_name,
        status: "EGRESS_COMPLETE",
        endedAt: String(BigInt(Date.now()) * 1_000_000n),
        fileResults: [{ filename: recording.file_key, location: `s3://bucket/${recording.file_key}`, size: "4096", duration: String(42n * 60n * 1_000_000_000n) }],
      },
    });
    expect(await sendWebhook(ended)).toBe(200);
    const done = await db.selectFrom("classroom_recording").selectAll().where("id", "=", recording.id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: "complete", size_bytes: "4096", duration_ms: String(42 * 60 * 1000) });

    const list = await recordingsLoader({
      request: new Request(`http://app.test/classes/${classroom.id}/enregistrements`),
      context: routeContext(db, classmate),
      params: { id: classroom.id },
    } as never);
    expect(list.recordings).toEqual([expect.objectContaining({ id: recording.id, status: "complete", durationMinutes: 42 })]);

    const fetchFile = (user: User, range?: string) =>
      recordingFileLoader({
        request: new Request(`http://app.test/classes/${classroom.id}/enregistrements/${recording.id}`, { headers: range ? { Range: range } : {} }),
        context: routeContext(db, user),
        params: { id: classroom.id, recordingId: recording.id },
      } as never) as Promise<Response>;
    const whole = await fetchFile(classmate);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("Content-Type")).toBe("video/mp4");
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(video);
    const part = await fetchFile(classmate, "bytes=100-199");
    expect(part.status).toBe(206);
    expect(part.headers.get("Content-Range")).toBe("bytes 100-199/4096");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(video.slice(100, 200));

    const outsider = await createUser(db);
    const refused = await fetchFile(outsider).catch((e) => e);
    expect(refused.init?.status).toBe(403);
  });

  it("the stand-in itself refuses a token without the right grant or signed with another secret", async () => {
    const call = async (grant: object, secret = LIVEKIT_SECRET) => {
      const token = new AccessToken(LIVEKIT_KEY, secret, { ttl: 60, identity: "someone" });
      token.addGrant(grant);
      const response = await fetch(`${livekit.url}/twirp/livekit.RoomService/UpdateParticipant`, {
        method: "POST",
        headers: { Authorization: `Bearer ${await token.toJwt()}`, "Content-Type": "application/json" },
        body: JSON.stringify({ room: classroom.room_name, identity: learner.id }),
      });
      return response.status;
    };
    expect(await call({ roomAdmin: true, room: classroom.room_name })).toBe(200);
    expect(await call({ roomJoin: true, room: classroom.room_name })).toBe(403);
    expect(await call({ roomAdmin: true, room: "another-room" })).toBe(403);
    expect(await call({ roomAdmin: true, room: classroom.room_name }, "a-different-secret-a-different-secret-0000")).toBe(401);
  });
});
