import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import {
  attendanceReport,
  handleLiveKitWebhook,
  issueJoinToken,
  listClassAttendance,
  queueClassReminders,
  registerSelf,
} from "../../app/features/classrooms/service.server";
import { Migrator } from "kysely";
import { migrations } from "../../db/migrations/index";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { createUser } from "../helpers/fixtures";
import { configureLiveKit, makeClass, register, signWebhook, unconfigureLiveKit, webhookEvent } from "./classrooms-support";

/** The same verbs on the embedded database (PGlite, PostgreSQL 17): the SQL must run on both. */
let opened: OpenedDatabase;
let host: User;

beforeAll(async () => {
  opened = await openDatabase({ memory: true });
  // Only the tables this domain uses: migrating every domain on PGlite takes most of a minute here.
  const needed = ["2026-11-29_foundation", "2026-11-30_classrooms", "2026-11-30_courses", "2026-12-10_outbox-person", "2026-12-13_outbox-attachments", "2026-12-18_questions-and-notifications"];
  const provider = { getMigrations: async () => Object.fromEntries(needed.map((name) => [name, migrations[name]!])) };
  const { error } = await new Migrator({ db: opened.db, provider }).migrateToLatest();
  if (error) throw error;
  configureLiveKit();
  host = await createUser(opened.db, { role: "mediator" });
}, 120_000);
afterAll(async () => {
  unconfigureLiveKit();
  await opened?.close();
});

describe("classrooms on PGlite", () => {
  it("registers with the seat lock, mints a token, handles webhooks once, computes attendance and queues reminders", async () => {
    const db = opened.db;
    // Whole seconds, like the timestamps of LiveKit's events.
    const start = new Date(Math.floor((Date.now() - 60 * 60_000) / 1000) * 1000);
    const past = await makeClass(db, host, { startsAt: start, minutes: 40 });
    const upcoming = await makeClass(db, host, { startsAt: new Date(Date.now() + 10 * 60_000), capacity: 1 });
    const learner = await createUser(db);
    const late = await createUser(db);
    await register(db, past, learner);
    expect((await registerSelf(db, learner, upcoming.id)).created).toBe(true);
    const full = await registerSelf(db, late, upcoming.id).catch((e) => e.data?.code);
    expect(full).toBe("full");

    const at = (m: number) => new Date(start.getTime() + m * 60_000);
    const send = async (body: string) => handleLiveKitWebhook(db, body, await signWebhook(body));
    const joined = webhookEvent("participant_joined", past, at(0), { participant: { identity: learner.id, sid: "PA_1", joinedAt: at(0) } });
    expect((await send(joined)).result).toBe("processed");
    expect((await send(joined)).result).toBe("duplicate");
    await send(webhookEvent("participant_left", past, at(35), { participant: { identity: learner.id, sid: "PA_1", joinedAt: at(0) } }));
    await send(webhookEvent("room_finished", past, at(41)));
    expect(await listClassAttendance(db, learner.id)).toEqual([expect.objectContaining({ classroomId: past.id, minutes: 35, attended: true })]);
    expect((await attendanceReport(db, host, past.id)).attendedCount).toBe(1);

    expect((await issueJoinToken(db, learner, upcoming.id)).role).toBe("learner");
    expect(await queueClassReminders(db)).toEqual({ queued: 1, claimed: 1 });
    expect(await queueClassReminders(db)).toEqual({ queued: 0, claimed: 0 });
  });
});
