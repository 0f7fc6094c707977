import {
  AccessToken,
  EgressClient,
  EncodedFileOutput,
  EncodedFileType,
  RoomServiceClient,
  S3Upload,
  TrackSource,
  TwirpError,
  WebhookReceiver,
  type VideoGrant,
  type WebhookEvent,
} from "livekit-server-sdk";
import { env } from "../../lib/env.server";

/**
 * The one place that talks to LiveKit. Everything the app asks of the media
 * server goes through the SDK's RoomServiceClient / EgressClient (Twirp over
 * HTTP, each call signed with a short-lived token carrying only the grant it
 * needs); join tokens and webhook checks use the SDK as well.
 */
export interface LiveKitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export function livekitConfig(): LiveKitConfig | null {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = env();
  if (!LIVEKIT_URL || !LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) return null;
  return { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
}

/** Join tokens live 10 minutes: enough to connect; the page asks for a new one to reconnect. */
export const JOIN_TOKEN_TTL_SECONDS = 10 * 60;

export type ClassRole = "host" | "learner";

/**
 * What each role may do in the room. A learner hears and sees, chats and
 * raises a hand (data), and publishes microphone/camera only once a host has
 * given them the floor. Hosts and co-hosts publish everything, including the
 * screen, and administer the room.
 */
export function joinGrant(room: string, role: ClassRole, canSpeak: boolean): VideoGrant {
  if (role === "host") {
    return { room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, roomAdmin: true };
  }
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublishData: true,
    canPublish: canSpeak,
    canPublishSources: canSpeak ? [TrackSource.MICROPHONE, TrackSource.CAMERA] : [],
  };
}

/**
 * The permission set sent with UpdateParticipant. LiveKit replaces the whole
 * set atomically, so every field we rely on is spelled out each time: leaving
 * one out would silently turn it off (e.g. chat when only canPublish was sent).
 */
export function learnerPermission(canSpeak: boolean) {
  return {
    canSubscribe: true,
    canPublishData: true,
    canPublish: canSpeak,
    canPublishSources: canSpeak ? [TrackSource.MICROPHONE, TrackSource.CAMERA] : [],
  };
}

export async function mintJoinToken(
  config: LiveKitConfig,
  input: { room: string; identity: string; name: string; role: ClassRole; canSpeak: boolean },
): Promise<string> {
  const token = new AccessToken(config.apiKey, config.apiSecret, {
    identity: input.identity,
    name: input.name,
    ttl: JOIN_TOKEN_TTL_SECONDS,
    metadata: JSON.stringify({ role: input.role }),
  });
  token.addGrant(joinGrant(input.room, input.role, input.canSpeak));
  return token.toJwt();
}

export function roomService(config: LiveKitConfig) {
  return new RoomServiceClient(config.url, config.apiKey, config.apiSecret, { requestTimeout: 10 });
}

export function egressService(config: LiveKitConfig) {
  return new EgressClient(config.url, config.apiKey, config.apiSecret, { requestTimeout: 10 });
}

/** LiveKit answers 404 (Twirp `not_found`) when the participant or room is not (or no longer) there. */
export function isNotFound(error: unknown): boolean {
  return error instanceof TwirpError && (error.status === 404 || error.code === "not_found");
}

/**
 * Where a recording goes: the bucket of our own file storage when S3 is
 * configured (egress uploads there and we serve it back through
 * fileStorage()); otherwise a path relative to the egress container's output
 * folder, which the operator mounts on `<DATA_DIR>/files` (docs/operations.md).
 */
export function recordingOutput(fileKey: string) {
  const e = env();
  const output = new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: fileKey });
  if (e.S3_BUCKET) {
    output.output = {
      case: "s3",
      value: new S3Upload({
        bucket: e.S3_BUCKET,
        region: e.S3_REGION ?? "",
        endpoint: e.S3_ENDPOINT ?? "",
        accessKey: e.S3_ACCESS_KEY_ID ?? "",
        secret: e.S3_SECRET_ACCESS_KEY ?? "",
        forcePathStyle: !!e.S3_ENDPOINT,
      }),
    };
  }
  return output;
}

export class WebhookRejected extends Error {}

/**
 * Checks the signature (JWT signed with our API secret, not expired, whose
 * sha256 claim matches the exact bytes received) and decodes the event.
 * LiveKit sends the bare JWT in `Authorization`; a `Bearer ` prefix is tolerated.
 */
export async function receiveWebhook(config: LiveKitConfig, rawBody: string, authorization: string | null): Promise<WebhookEvent> {
  const jwt = authorization?.replace(/^Bearer\s+/i, "").trim();
  if (!jwt) throw new WebhookRejected("missing authorization");
  try {
    return await new WebhookReceiver(config.apiKey, config.apiSecret).receive(rawBody, jwt);
  } catch (error) {
    throw new WebhookRejected((error as Error).message);
  }
}
