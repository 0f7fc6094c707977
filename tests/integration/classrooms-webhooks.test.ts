import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Classroom } from "../../db/schema/classrooms";
import { listClassAttendance } from "../../app/features/classrooms/service.server";
import type { Db } from "../../app/lib/db.server";
import { action as webhookAction } from "../../app/routes/api.livekit-webhook";
import { loader as csvLoader } from "../../app/routes/classes.attendance-csv";
import { loader as reportLoader } from "../../app/routes/classes.attendance";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import {
  configureLiveKit,
  makeClass,
  register,
  routeContext,
  signWebhook,
  unconfigureLiveKit,
  webhookEvent,
  webhookRequest,
} from "./classrooms-support";

const MINUTE = 60_000;
let db: Db;
let host: User;

beforeAll(async () => {
  db = await testDb();
  configureLiveKit();
  host = await createUser(db, { role: "mediator", firstName: "Amina" });
});
afterAll(unconfigureLiveKit);

async function deliver(body: string, authorization: string | null | undefined) {
  const response = (await webhookAction({ request: webhookRequest(body, authorization), context: routeContext(db), params: {} } as never)) as Response;
  return { status: response.status, text: await response.text() };
}

async function send(body: string) {
  return deliver(body, await signWebhook(body));
}

const eventRows = (id: string) => db.selectFrom("classroom_webhook_event").selectAll().where("id", "=", id).execute();
const classRow = (id: string) => db.selectFrom("classroom").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("LiveKit webhooks (POST /api/livekit/webhook)", () => {
  let classroom: Classroom;
  beforeAll(async () => {
    classroom = await makeClass(db, host);
  });

  it("accepts an event signed as LiveKit signs it, and records it", async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const body = webhookEvent("room_started", classroom, at, { id: "EV_valid" });
    expect(await send(body)).toEqual({ status: 200, text: "processed" });
    expect(await eventRows("EV_valid")).toHaveLength(1);
    expect((await classRow(classroom.id)).room_started_at?.getTime()).toBe(at.getTime());
  });

  it("tolerates a Bearer prefix on the signature", async () => {
    const body = webhookEvent("track_published", classroom, new Date(), { id: "EV_bearer" });
    expect((await deliver(body, `Bearer ${await signWebhook(body)}`)).status).toBe(200);
  });

  it("rejects a tampered body, a wrong secret, an expired token and a missing header — processing nothing", async () => {
    const finished = (id: string) => webhookEvent("room_finished", classroom, new Date(), { id });

    // The signature was made for another body (same length, one character changed).
    const original = finished("EV_tampered");
    const tampered = original.replace("room_finished", "room_finishee");
    expect(await deliver(tampered, await signWebhook(original))).toEqual({ status: 401, text: "unauthorized" });
    // Or the body was re-serialised (whitespace differs): the hash is over the exact bytes.
    expect((await deliver(JSON.stringify(JSON.parse(original), null, 2), await signWebhook(original))).status).toBe(401);

    const wrongSecret = finished("EV_wrong_secret");
    expect((await deliver(wrongSecret, await signWebhook(wrongSecret, { secret: "another-secret-another-secret-another-secret" }))).status).toBe(401);
    const wrongKey = finished("EV_wrong_key");
    expect((await deliver(wrongKey, await signWebhook(wrongKey, { key: "APIother" }))).status).toBe(401);

    const expired = finished("EV_expired");
    expect((await deliver(expired, await signWebhook(expired, { ttl: "-120s" }))).status).toBe(401);

    const unsigned = finished("EV_unsigned");
    expect((await deliver(unsigned, null)).status).toBe(401);
    expect((await deliver(unsigned, "Bearer ")).status).toBe(401);
    expect((await deliver(unsigned, "not-a-jwt")).status).toBe(401);

    for (const id of ["EV_tampered", "EV_wrong_secret", "EV_wrong_key", "EV_expired", "EV_unsigned"]) expect(await eventRows(id)).toEqual([]);
    expect((await classRow(classroom.id)).room_finished_at).toBeNull();
  });

  it("counts an event delivered twice once", async () => {
    const learner = await createUser(db);
    await register(db, classroom, learner);
    const body = webhookEvent("participant_joined", classroom, new Date(), {
      id: "EV_twice",
      participant: { identity: learner.id, sid: "PA_twice", joinedAt: new Date() },
    });
    expect((await send(body)).text).toBe("processed");
    expect(await send(body)).toEqual({ status: 200, text: "duplicate" });
    // Redelivered with a fresh signature (LiveKit retries sign again): still once.
    expect((await send(body)).text).toBe("duplicate");
    const presence = await db.selectFrom("classroom_presence").selectAll().where("user_id", "=", learner.id).execute();
    expect(presence).toHaveLength(1);
    expect(await eventRows("EV_twice")).toHaveLength(1);
  });

  it("ignores rooms that are not ours and identities that are not our users", async () => {
    const other = webhookEvent("room_started", { room_name: "someone-elses-room" }, new Date());
    expect(await send(other)).toEqual({ status: 200, text: "ignored" });
    const recorder = webhookEvent("participant_joined", classroom, new Date(), { participant: { identity: "EG_recorder", sid: "PA_eg" } });
    expect((await send(recorder)).text).toBe("ignored");
  });

  it("refuses a body that is not JSON even when signed, and answers 503 when LiveKit is not configured", async () => {
    const garbage = "not json";
    expect((await deliver(garbage, await signWebhook(garbage))).status).toBe(401);
    unconfigureLiveKit();
    try {
      const body = webhookEvent("room_started", classroom, new Date());
      expect((await send(body)).status).toBe(503);
    } finally {
      configureLiveKit();
    }
  });
});

describe("attendance from join/leave events", () => {
  // A finished class: 10:00–11:00 two days ago (times in UTC, minutes matter here).
  const start = new Date(Date.now() - 2 * 24 * 60 * MINUTE);
  start.setUTCHours(10, 0, 0, 0);
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
  let classroom: Classroom;
  const learners: Record<string, User> = {};

  const joined = (who: string, sid: string, minute: number) =>
    send(webhookEvent("participant_joined", classroom, at(minute), { participant: { identity: learners[who]!.id, sid, joinedAt: at(minute) } }));
  const left = (who: string, sid: string, minute: number, joinedMinute: number) =>
    send(webhookEvent("participant_left", classroom, at(minute), { participant: { identity: learners[who]!.id, sid, joinedAt: at(joinedMinute) } }));

  beforeAll(async () => {
    classroom = await makeClass(db, host, { startsAt: start, minutes: 60 });
    for (const name of ["early", "half", "twoDevices", "noLeave", "outOfOrder", "absent", "formula"]) {
      learners[name] = await createUser(db, { firstName: name === "formula" ? "=HYPERLINK(\"http://evil\")" : name });
    }
    await register(db, classroom, ...Object.values(learners));

    await send(webhookEvent("room_started", classroom, at(-14)));
    // Came 10 minutes early (not counted), left at 10:20, came back 10:25, stayed past the end.
    await joined("early", "PA_e1", -10);
    await left("early", "PA_e1", 20, -10);
    await joined("early", "PA_e2", 25);
    await left("early", "PA_e2", 65, 25);
    // Half the class only.
    await joined("half", "PA_h1", 0);
    await left("half", "PA_h1", 30, 0);
    // A phone and a computer at once: overlapping connections count once.
    await joined("twoDevices", "PA_t1", 0);
    await joined("twoDevices", "PA_t2", 10);
    await left("twoDevices", "PA_t2", 40, 10);
    await left("twoDevices", "PA_t1", 50, 0);
    // The leave was never delivered: the connection ends when the room finished (10:55).
    await joined("noLeave", "PA_n1", 10);
    // The leave arrived before the join (webhooks are not ordered); 10:05–10:30.
    await left("outOfOrder", "PA_o1", 30, 5);
    await joined("outOfOrder", "PA_o1", 5);
    await joined("formula", "PA_f1", 0);
    await left("formula", "PA_f1", 60, 0);
    await send(webhookEvent("room_finished", classroom, at(55)));
  });

  it("merges rejoins and overlaps, clamps to the class, and closes a missing leave at room_finished", async () => {
    const minutes = async (who: string) => (await listClassAttendance(db, learners[who]!.id)).find((a) => a.classroomId === classroom.id);
    expect(await minutes("early")).toMatchObject({ minutes: 55, attended: true });
    expect(await minutes("half")).toMatchObject({ minutes: 30, attended: false });
    expect(await minutes("twoDevices")).toMatchObject({ minutes: 50, attended: true });
    // 45 of 60 minutes: exactly 75 % counts.
    expect(await minutes("noLeave")).toMatchObject({ minutes: 45, attended: true });
    expect(await minutes("outOfOrder")).toMatchObject({ minutes: 25, attended: false });
    expect(await minutes("absent")).toMatchObject({ minutes: 0, attended: false });
    expect(await minutes("formula")).toMatchObject({ minutes: 60, attended: true, percent: 100 });
  });

  it("shows the host a report and a CSV export where formulas are neutralised; learners get 403", async () => {
    const report = await reportLoader({
      request: new Request(`http://app.test/classes/${classroom.id}/presence`),
      context: routeContext(db, host),
      params: { id: classroom.id },
    } as never);
    expect(report.started).toBe(true);
    expect(report.attendedCount).toBe(4);
    expect(report.rows).toHaveLength(7);

    const csv = (await csvLoader({
      request: new Request(`http://app.test/classes/${classroom.id}/presence.csv`),
      context: routeContext(db, host),
      params: { id: classroom.id },
    } as never)) as Response;
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A UTF-8 byte-order mark, so that spreadsheet software reads the accents right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toHaveLength(8);
    const formulaLine = lines.find((l) => l.includes("HYPERLINK"))!;
    expect(formulaLine).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines.find((l) => l.includes(";early;"))).toContain(";55;60;");

    const refused = await reportLoader({
      request: new Request(`http://app.test/classes/${classroom.id}/presence`),
      context: routeContext(db, learners.half),
      params: { id: classroom.id },
    } as never).catch((e) => e);
    expect(refused.init?.status).toBe(403);
  });
});
