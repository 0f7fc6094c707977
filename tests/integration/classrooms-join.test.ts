import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { issueJoinToken } from "../../app/features/classrooms/service.server";
import { markRemoved, setCanSpeak, markEnded, cancelClassroom } from "../../app/features/classrooms/queries.server";
import type { Db } from "../../app/lib/db.server";
import { action as tokenAction } from "../../app/routes/classes.token";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { configureLiveKit, LIVEKIT_KEY, LIVEKIT_SECRET, makeClass, register, routeContext, unconfigureLiveKit } from "./classrooms-support";

const MINUTE = 60_000;
const verifier = new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET);
let db: Db;
let host: User;
let cohost: User;
let learner: User;
let stranger: User;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  configureLiveKit();
  host = await createUser(db, { role: "mediator", firstName: "Amina" });
  cohost = await createUser(db, { role: "teacher", firstName: "Thomas" });
  learner = await createUser(db, { role: "learner", firstName: "Josette" });
  stranger = await createUser(db, { role: "learner", firstName: "Marcel" });
  coordinator = await createUser(db, { role: "coordinator", firstName: "Claire" });
});
afterAll(unconfigureLiveKit);

async function requestToken(user: User | undefined, classroomId: string) {
  const response = (await tokenAction({
    request: new Request(`http://app.test/classes/${classroomId}/jeton`, { method: "POST" }),
    context: routeContext(db, user),
    params: { id: classroomId },
  } as never)) as Response;
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("join tokens (POST /classes/:id/jeton)", () => {
  it("gives the host publish and room-admin grants, with a short TTL", async () => {
    const classroom = await makeClass(db, host, { cohosts: [cohost] });
    const { status, body, headers } = await requestToken(host, classroom.id);
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(body).toMatchObject({ url: "http://127.0.0.1:9", identity: host.id, role: "host" });
    const claims = await verifier.verify(body.token);
    expect(claims.sub).toBe(host.id);
    expect(claims.name).toBe("Amina");
    expect(claims.video).toEqual({
      room: classroom.room_name,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      roomAdmin: true,
    });
    // Ten minutes, no more: the room page asks again to reconnect.
    expect(claims.exp! - claims.nbf!).toBe(600);
    expect(claims.exp! * 1000 - Date.now()).toBeLessThanOrEqual(600_000);

    const co = await requestToken(cohost, classroom.id);
    expect(co.status).toBe(200);
    expect((await verifier.verify(co.body.token)).video).toMatchObject({ roomAdmin: true, canPublish: true, room: classroom.room_name });
  });

  it("gives a registered learner subscribe and data only, and publish once a host granted speech", async () => {
    const classroom = await makeClass(db, host);
    await register(db, classroom, learner);
    const first = await requestToken(learner, classroom.id);
    expect(first.status).toBe(200);
    expect(first.body.role).toBe("learner");
    const claims = await verifier.verify(first.body.token);
    expect(claims.sub).toBe(learner.id);
    expect(claims.name).toBe("Josette");
    expect(claims.video).toEqual({
      room: classroom.room_name,
      roomJoin: true,
      canSubscribe: true,
      canPublishData: true,
      canPublish: false,
      canPublishSources: [],
    });
    expect(claims.video?.roomAdmin).toBeUndefined();
    expect(claims.exp! - claims.nbf!).toBe(600);

    await setCanSpeak(db, classroom.id, learner.id, true);
    const granted = await verifier.verify((await requestToken(learner, classroom.id)).body.token);
    expect(granted.video).toMatchObject({ canPublish: true, canPublishSources: ["microphone", "camera"], canPublishData: true });
  });

  it("refuses with 403 anyone who is neither host, co-host nor registered — coordinators included", async () => {
    const classroom = await makeClass(db, host);
    for (const user of [stranger, coordinator]) {
      const { status, body } = await requestToken(user, classroom.id);
      expect(status).toBe(403);
      expect(body.error).toMatchObject({ code: "not_registered", messageKey: "classrooms:errors.not_registered" });
      expect(body.token).toBeUndefined();
    }
    expect((await requestToken(undefined, classroom.id)).status).toBe(401);
    expect((await requestToken(learner, "not-a-uuid")).status).toBe(404);
    expect((await requestToken(learner, crypto.randomUUID())).status).toBe(404);
  });

  it("opens 15 minutes before the start and closes at the end", async () => {
    const start = new Date(Date.now() + 24 * 60 * MINUTE);
    const classroom = await makeClass(db, host, { startsAt: start, minutes: 60 });
    await register(db, classroom, learner);
    const at = (offsetMinutes: number) => new Date(start.getTime() + offsetMinutes * MINUTE);
    const attempt = (user: User, when: Date) =>
      issueJoinToken(db, user, classroom.id, when).then(
        () => "ok",
        (error) => `${error.init?.status} ${error.data?.code}`,
      );
    expect(await attempt(learner, at(-16))).toBe("403 too_early");
    expect(await attempt(host, at(-16))).toBe("403 too_early");
    expect(await attempt(learner, at(-15))).toBe("ok");
    expect(await attempt(learner, at(30))).toBe("ok");
    expect(await attempt(learner, at(59.9))).toBe("ok");
    expect(await attempt(learner, at(60))).toBe("403 closed");
    expect(await attempt(host, at(75))).toBe("403 closed");
    // Through the HTTP endpoint as well: tomorrow's class is not open yet.
    expect((await requestToken(learner, classroom.id)).body.error.code).toBe("too_early");
  });

  it("refuses once a host ended the class, once it is cancelled, and to a removed learner", async () => {
    const ended = await makeClass(db, host);
    await register(db, ended, learner);
    await markEnded(db, ended.id, new Date());
    expect((await requestToken(learner, ended.id)).body.error.code).toBe("closed");

    const cancelled = await makeClass(db, host);
    await register(db, cancelled, learner);
    await cancelClassroom(db, cancelled.id, new Date());
    expect((await requestToken(learner, cancelled.id)).body.error.code).toBe("cancelled");

    const classroom = await makeClass(db, host);
    await register(db, classroom, learner);
    await markRemoved(db, classroom.id, learner.id, host.id, new Date());
    const refused = await requestToken(learner, classroom.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("removed");
  });

  it("answers 503 with a translated message when LiveKit is not configured", async () => {
    const classroom = await makeClass(db, host);
    unconfigureLiveKit();
    try {
      const { status, body } = await requestToken(host, classroom.id);
      expect(status).toBe(503);
      expect(body.error.messageKey).toBe("classrooms:errors.not_configured");
    } finally {
      configureLiveKit();
    }
  });
});
