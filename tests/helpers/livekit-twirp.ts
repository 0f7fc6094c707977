import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  EgressInfo,
  EgressStatus,
  ParticipantInfo,
  ParticipantPermission,
  TokenVerifier,
  TrackInfo,
  TrackSource,
  TrackType,
  type ClaimGrants,
} from "livekit-server-sdk";

/**
 * A stand-in for LiveKit's server API, for the tests only.
 *
 * Why it exists: no LiveKit server can run on these machines (no container
 * runtime, no network to LiveKit Cloud), yet the app's moderation and
 * recording verbs must be tested through the real SDK clients. This small
 * node:http server speaks the part of LiveKit's Twirp JSON API the app uses
 * (`POST /twirp/livekit.RoomService/<Method>`, `/twirp/livekit.Egress/<Method>`),
 * verifies each call's Bearer JWT with the SDK's own TokenVerifier and the
 * grant LiveKit requires for that method, answers in LiveKit's JSON shapes
 * (built with the protocol classes), and records every call for assertions.
 * Like LiveKit, it answers `not_found` for a participant who is not in the
 * room, and remembers RemoveParticipant's revokeTokenTs so that a test can
 * ask whether an old join token would still be admitted.
 */
export interface TwirpCall {
  service: "RoomService" | "Egress";
  method: string;
  body: Record<string, unknown>;
  claims: ClaimGrants;
}

interface FakeParticipant {
  sid: string;
  identity: string;
  permission: ParticipantPermission;
  tracks: TrackInfo[];
}

type GrantCheck = (claims: ClaimGrants, body: Record<string, unknown>) => boolean;

const roomAdmin: GrantCheck = (c, body) => c.video?.roomAdmin === true && !!c.video.room && c.video.room === body.room;
const roomCreate: GrantCheck = (c) => c.video?.roomCreate === true;
const roomRecord: GrantCheck = (c) => c.video?.roomRecord === true;

/** The grant LiveKit checks for each method (see livekit/livekit's service/roomservice.go and egress.go). */
const REQUIRED: Record<string, GrantCheck> = {
  "RoomService/UpdateParticipant": roomAdmin,
  "RoomService/MutePublishedTrack": roomAdmin,
  "RoomService/RemoveParticipant": roomAdmin,
  "RoomService/GetParticipant": roomAdmin,
  "RoomService/ListParticipants": roomAdmin,
  "RoomService/DeleteRoom": roomCreate,
  "RoomService/CreateRoom": roomCreate,
  "Egress/StartRoomCompositeEgress": roomRecord,
  "Egress/StopEgress": roomRecord,
  "Egress/ListEgress": roomRecord,
};

export interface TwirpStandIn {
  url: string;
  calls: TwirpCall[];
  /** Puts someone "in the room" (LiveKit answers not_found for anyone else). */
  addParticipant(room: string, identity: string, tracks?: { sid: string; source: "microphone" | "camera" }[]): void;
  isInRoom(room: string, identity: string): boolean;
  /** What LiveKit would decide at join: a valid token, not issued before this identity's revocation. */
  wouldAdmit(token: string): Promise<boolean>;
  reset(): void;
  close(): Promise<void>;
}

export async function startTwirpStandIn({ apiKey, apiSecret }: { apiKey: string; apiSecret: string }): Promise<TwirpStandIn> {
  const verifier = new TokenVerifier(apiKey, apiSecret);
  const calls: TwirpCall[] = [];
  const rooms = new Map<string, Map<string, FakeParticipant>>();
  const deletedRooms = new Set<string>();
  const revokedBefore = new Map<string, number>();
  const egress = new Map<string, EgressInfo>();
  let counter = 0;

  const fail = (res: ServerResponse, status: number, code: string, msg: string) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ code, msg }));
  };
  const reply = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let text = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => resolve(text));
      req.on("error", reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/twirp\/livekit\.(RoomService|Egress)\/(\w+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) return fail(res, 404, "bad_route", `no handler for ${req.method} ${req.url}`);
    const service = match[1] as TwirpCall["service"];
    const method = match[2]!;
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ")) return fail(res, 401, "unauthenticated", "missing Bearer token");
    let claims: ClaimGrants;
    try {
      claims = await verifier.verify(auth.slice("Bearer ".length));
    } catch (error) {
      return fail(res, 401, "unauthenticated", (error as Error).message);
    }
    const body = JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>;
    const check = REQUIRED[`${service}/${method}`];
    if (!check) return fail(res, 404, "bad_route", `method ${method} not implemented by the stand-in`);
    if (!check(claims, body)) return fail(res, 403, "permission_denied", `missing grant for ${method}`);
    calls.push({ service, method, body, claims });

    const room = String(body.room ?? "");
    const identity = String(body.identity ?? "");
    const participant = rooms.get(room)?.get(identity);
    switch (`${service}/${method}`) {
      case "RoomService/UpdateParticipant": {
        if (!participant) return fail(res, 404, "not_found", "participant not found");
        if (body.permission) participant.permission = ParticipantPermission.fromJson(body.permission as never);
        return reply(res, participantInfo(participant).toJson());
      }
      case "RoomService/MutePublishedTrack": {
        const track = participant?.tracks.find((t) => t.sid === body.trackSid);
        if (!participant || !track) return fail(res, 404, "not_found", "track not found");
        track.muted = body.muted === true;
        return reply(res, { track: track.toJson() });
      }
      case "RoomService/RemoveParticipant": {
        if (body.revokeTokenTs) revokedBefore.set(identity, Number(body.revokeTokenTs));
        if (!participant) return fail(res, 404, "not_found", "participant not found");
        rooms.get(room)!.delete(identity);
        return reply(res, {});
      }
      case "RoomService/DeleteRoom": {
        if (!rooms.has(room)) return fail(res, 404, "not_found", "room not found");
        rooms.delete(room);
        deletedRooms.add(room);
        return reply(res, {});
      }
      case "Egress/StartRoomCompositeEgress": {
        const roomName = String(body.roomName ?? "");
        if (!rooms.has(roomName)) return fail(res, 404, "not_found", "room not found");
        const info = new EgressInfo({ egressId: `EG_test${++counter}`, roomName, status: EgressStatus.EGRESS_STARTING });
        egress.set(info.egressId, info);
        return reply(res, info.toJson());
      }
      case "Egress/StopEgress": {
        const info = egress.get(String(body.egressId ?? ""));
        if (!info) return fail(res, 404, "not_found", "egress not found");
        info.status = EgressStatus.EGRESS_ENDING;
        return reply(res, info.toJson());
      }
      default:
        return fail(res, 404, "bad_route", `method ${method} not implemented by the stand-in`);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => fail(res, 500, "internal", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    addParticipant(room, identity, tracks = []) {
      const map = rooms.get(room) ?? new Map<string, FakeParticipant>();
      rooms.set(room, map);
      map.set(identity, {
        sid: `PA_${++counter}`,
        identity,
        permission: new ParticipantPermission({ canSubscribe: true, canPublishData: true }),
        tracks: tracks.map(
          (t) =>
            new TrackInfo({
              sid: t.sid,
              type: t.source === "microphone" ? TrackType.AUDIO : TrackType.VIDEO,
              source: t.source === "microphone" ? TrackSource.MICROPHONE : TrackSource.CAMERA,
            }),
        ),
      });
    },
    isInRoom: (room, identity) => !!rooms.get(room)?.has(identity),
    async wouldAdmit(token) {
      try {
        const claims = await verifier.verify(token);
        const revoked = revokedBefore.get(claims.sub ?? "");
        return revoked === undefined || (claims.nbf ?? 0) >= revoked;
      } catch {
        return false;
      }
    },
    reset() {
      calls.length = 0;
      rooms.clear();
      deletedRooms.clear();
      revokedBefore.clear();
      egress.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function participantInfo(p: FakeParticipant) {
  return new ParticipantInfo({ sid: p.sid, identity: p.identity, permission: p.permission, tracks: p.tracks });
}
