import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { joinWindow, loadClassAccess, opensAt } from "./access.server";
import { JOIN_TOKEN_TTL_SECONDS, livekitConfig, mintJoinToken, type ClassRole } from "./livekit.server";

export const notConfigured = () => appError(503, "livekit_not_configured", "classrooms:errors.not_configured");

export interface JoinTicket {
  token: string;
  url: string;
  identity: string;
  role: ClassRole;
  expiresAt: string;
}

/**
 * Mints a LiveKit join token, on the server only, for the host, a co-host or
 * a registered (and not removed) learner, from 15 minutes before the start
 * until the end of the class. The token lives 10 minutes: the room page asks
 * for a fresh one whenever it has to reconnect, so each reconnection goes
 * through these checks again.
 */
export async function issueJoinToken(db: Db, user: User, classroomId: string, now = new Date()): Promise<JoinTicket> {
  const config = livekitConfig();
  if (!config) throw notConfigured();
  const access = await loadClassAccess(db, user, classroomId);
  const { classroom, registration } = access;
  let role: ClassRole;
  if (access.isHost || access.isCohost) role = "host";
  else if (registration?.removed_at) throw appError(403, "removed", "classrooms:errors.removed");
  else if (registration) role = "learner";
  else throw appError(403, "not_registered", "classrooms:errors.not_registered");

  const window = joinWindow(classroom, now);
  if (window === "cancelled") throw appError(403, "cancelled", "classrooms:errors.cancelled");
  if (window === "too_early") throw appError(403, "too_early", "classrooms:errors.too_early");
  if (window === "closed") throw appError(403, "closed", "classrooms:errors.closed");

  const token = await mintJoinToken(config, {
    room: classroom.room_name,
    identity: user.id,
    name: user.first_name,
    role,
    canSpeak: role === "host" || !!registration?.can_speak,
  });
  return {
    token,
    url: config.url,
    identity: user.id,
    role,
    expiresAt: new Date(now.getTime() + JOIN_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}

/** What the pre-join and room pages need to know before any token is asked for. */
export async function joinPageData(db: Db, user: User, classroomId: string, now = new Date()) {
  const access = await loadClassAccess(db, user, classroomId);
  const { classroom, registration } = access;
  const role: ClassRole | null = access.isHost || access.isCohost ? "host" : registration && !registration.removed_at ? "learner" : null;
  return {
    classroom: {
      id: classroom.id,
      title: classroom.title,
      startsAt: classroom.starts_at,
      endsAt: classroom.ends_at,
      recordingEnabled: classroom.recording_enabled,
    },
    role,
    removed: !!registration?.removed_at,
    canModerate: access.canModerate,
    window: joinWindow(classroom, now),
    opensAt: opensAt(classroom),
    livekitConfigured: !!livekitConfig(),
  };
}
