import { createHash } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { RouterContextProvider } from "react-router";
import type { User } from "../../db/schema/accounts";
import type { Classroom } from "../../db/schema/classrooms";
import { insertClassroom, insertCohosts, insertRegistration } from "../../app/features/classrooms/queries.server";
import { dbContext, sessionContext } from "../../app/lib/context";
import type { Db } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";

/** Shared by the classrooms integration tests (not a test file itself). */
export const LIVEKIT_KEY = "APItestkey";
export const LIVEKIT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";

export function configureLiveKit(url = "http://127.0.0.1:9") {
  process.env.LIVEKIT_URL = url;
  process.env.LIVEKIT_API_KEY = LIVEKIT_KEY;
  process.env.LIVEKIT_API_SECRET = LIVEKIT_SECRET;
  resetEnvForTests();
}

export function unconfigureLiveKit() {
  delete process.env.LIVEKIT_URL;
  delete process.env.LIVEKIT_API_KEY;
  delete process.env.LIVEKIT_API_SECRET;
  resetEnvForTests();
}

const MINUTE = 60_000;

/** A class inserted directly (scheduling refuses a start in the past; these tests need any window). */
export async function makeClass(
  db: Db,
  host: User,
  { startsAt = new Date(Date.now() + 5 * MINUTE), minutes = 60, capacity = 10, recording = false, cohosts = [] as User[], title = "Premiers pas sur Internet" } = {},
): Promise<Classroom> {
  const id = crypto.randomUUID();
  const classroom = await insertClassroom(db, {
    id,
    title,
    description: null,
    linked_path: null,
    starts_at: startsAt,
    ends_at: new Date(startsAt.getTime() + minutes * MINUTE),
    capacity,
    host_id: host.id,
    created_by: host.id,
    recording_enabled: recording,
    room_name: `passerelle-classe-${id}`,
  });
  await insertCohosts(
    db,
    classroom.id,
    cohosts.map((c) => c.id),
  );
  return classroom;
}

export async function register(db: Db, classroom: Classroom, ...learners: User[]) {
  for (const learner of learners) await insertRegistration(db, classroom.id, learner.id, learner.id);
}

/** The context the request middleware would build: the database and (optionally) a signed-in user. */
export function routeContext(db: Db, user?: User) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(sessionContext, user ? { user, sessionId: "test-session" } : null);
  return context;
}

/** Signs a webhook body exactly as LiveKit does: a JWT from our key whose sha256 claim is the body's hash. */
export async function signWebhook(body: string, { key = LIVEKIT_KEY, secret = LIVEKIT_SECRET, ttl = "5m" as string | number } = {}) {
  const token = new AccessToken(key, secret, { ttl });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

let eventCounter = 0;

/** A webhook event in LiveKit's JSON shape (protobuf JSON: camelCase, int64 as strings). */
export function webhookEvent(
  event: string,
  classroom: Pick<Classroom, "room_name">,
  at: Date,
  extra: { participant?: { identity: string; sid: string; joinedAt?: Date }; egressInfo?: Record<string, unknown>; id?: string } = {},
) {
  const body: Record<string, unknown> = {
    event,
    id: extra.id ?? `EV_${Date.now().toString(36)}_${++eventCounter}`,
    createdAt: String(Math.floor(at.getTime() / 1000)),
    room: { sid: "RM_test", name: classroom.room_name },
  };
  if (extra.participant) {
    const { identity, sid, joinedAt } = extra.participant;
    body.participant = {
      sid,
      identity,
      name: "Test",
      state: event === "participant_joined" ? "ACTIVE" : "DISCONNECTED",
      ...(joinedAt ? { joinedAt: String(Math.floor(joinedAt.getTime() / 1000)), joinedAtMs: String(joinedAt.getTime()) } : {}),
    };
  }
  if (extra.egressInfo) body.egressInfo = extra.egressInfo;
  return JSON.stringify(body);
}

export function webhookRequest(body: string, authorization?: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/webhook+json" };
  if (authorization) headers.Authorization = authorization;
  return new Request("http://app.test/api/livekit/webhook", { method: "POST", headers, body });
}

export function postForm(url: string, fields: Record<string, string>) {
  return new Request(`http://app.test${url}`, { method: "POST", body: new URLSearchParams(fields) });
}
