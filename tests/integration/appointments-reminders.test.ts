import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { bookSlot } from "../../app/features/appointments/booking.server";
import { appointmentRemindersJob } from "../../app/features/appointments/reminders.server";
import { parisInstant } from "../../app/features/workshops/schemas";
import { drainSmsOutbox, fileSmsTransport, pruneSms } from "../../app/lib/sms.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { learners, newSpace, publish } from "./appointments-fixtures";

let db: Db;
let spaceId: string;

beforeAll(async () => {
  db = await testDb();
  spaceId = await newSpace(db);
});

const reminders = (appointmentId: string) =>
  Promise.all([
    db.selectFrom("outbox_message").selectAll().where("dedupe_key", "like", `appointment-reminder:${appointmentId}:%`).execute(),
    db.selectFrom("sms_message").selectAll().where("dedupe_key", "like", `appointment-reminder:${appointmentId}:%`).execute(),
  ]);

/** An appointment at `time` on the Paris day `date`, for `person` (with a phone when they have no e-mail). */
async function appointmentAt(date: string, time: string, person: User) {
  const mediator = await createUser(db, { role: "mediator" });
  const end = new Date(parisInstant(date, time)!.getTime() + 30 * 60_000);
  const hhmm = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(end);
  const [slot] = await publish(db, mediator, { placeId: spaceId, date, from: time, to: hhmm === "00:00" ? "23:59" : hhmm, minutes: 30 });
  const { appointment } = await bookSlot(db, person, { slotId: slot!.id, reason: "smartphone", phone: person.email ? null : "06 98 76 54 32" });
  return appointment.id;
}

describe("day-before reminders (acceptance 3)", () => {
  it("are sent once, the day before in Paris time, by e-mail — running the job twice queues one", async () => {
    const [person] = await learners(db, 1);
    const id = await appointmentAt("2027-06-15", "10:00", person!);
    // Two days before: nothing yet.
    await appointmentRemindersJob.run(db, parisInstant("2027-06-13", "18:00")!);
    expect((await reminders(id))[0]).toHaveLength(0);
    // The evening before (Paris), twice, as two workers or two runs would.
    await appointmentRemindersJob.run(db, parisInstant("2027-06-14", "08:00")!);
    await appointmentRemindersJob.run(db, parisInstant("2027-06-14", "23:50")!);
    const [mails, sms] = await reminders(id);
    expect(mails).toHaveLength(1);
    expect(sms).toHaveLength(0);
    expect(mails[0]!.subject).toContain("Demain");
    expect(mails[0]!.attachments?.[0]?.filename).toMatch(/\.ics$/);
    // The same day: no second reminder.
    await appointmentRemindersJob.run(db, parisInstant("2027-06-15", "08:00")!);
    expect((await reminders(id))[0]).toHaveLength(1);
  });

  it("go by SMS to a person without e-mail, through the file transport, once", async () => {
    const [senior] = await learners(db, 1, { email: false });
    const id = await appointmentAt("2027-06-16", "14:30", senior!);
    await appointmentRemindersJob.run(db, parisInstant("2027-06-15", "09:00")!);
    await appointmentRemindersJob.run(db, parisInstant("2027-06-15", "09:10")!);
    const [mails, sms] = await reminders(id);
    expect(mails).toHaveLength(0);
    expect(sms).toHaveLength(1);
    const dir = await mkdtemp(path.join(tmpdir(), "sms-"));
    const transport = fileSmsTransport(dir);
    let drained = 0;
    for (let i = 0; i < 5 && drained === 0; i++) {
      const { sent } = await drainSmsOutbox(db, transport, 500);
      drained += sent;
    }
    expect(await drainSmsOutbox(db, transport, 500)).toEqual({ sent: 0, failed: 0 });
    const files = await readdir(dir);
    const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), "utf8")));
    const mine = texts.filter((t) => t.includes("To: 06 98 76 54 32") && t.includes("rappel"));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain("14:30");
    // Sent SMS (phone numbers) are pruned after 30 days, not before.
    expect(await pruneSms(db, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await pruneSms(db, new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom("sms_message").select("id").where("dedupe_key", "like", `appointment-reminder:${id}:%`).execute()).toHaveLength(0);
  });

  it("follow the Paris calendar day across the spring change (a 23-hour day)", async () => {
    const [person] = await learners(db, 1);
    // Sunday 28 March 2027: clocks go from 02:00 to 03:00.
    const early = await appointmentAt("2027-03-28", "09:00", person!);
    const [other] = await learners(db, 1);
    const monday = await appointmentAt("2027-03-29", "00:30", other!);
    // Saturday 23:30 in Paris (22:30 UTC): "tomorrow" is Sunday 28, not Monday.
    await appointmentRemindersJob.run(db, parisInstant("2027-03-27", "23:30")!);
    expect((await reminders(early))[0]).toHaveLength(1);
    expect((await reminders(monday))[0]).toHaveLength(0);
    // Sunday 23:30 in Paris is 21:30 UTC (summer time): Monday 00:30 is tomorrow.
    await appointmentRemindersJob.run(db, parisInstant("2027-03-28", "23:30")!);
    expect((await reminders(monday))[0]).toHaveLength(1);
  });

  it("follow the Paris calendar day across the autumn change (a 25-hour day)", async () => {
    const [person] = await learners(db, 1);
    // Sunday 31 October 2027: clocks go back from 03:00 to 02:00; 23:00 that night is 22:00 UTC, 25 hours after the day began.
    const late = await appointmentAt("2027-10-31", "23:00", person!);
    await appointmentRemindersJob.run(db, parisInstant("2027-10-30", "00:05")!);
    expect((await reminders(late))[0]).toHaveLength(1);
    // Sunday 00:05 in Paris: the appointment is today, not tomorrow — nothing new.
    await appointmentRemindersJob.run(db, parisInstant("2027-10-31", "00:05")!);
    expect((await reminders(late))[0]).toHaveLength(1);
  });

  it("are not sent for a cancelled appointment", async () => {
    const [person] = await learners(db, 1);
    const id = await appointmentAt("2027-06-20", "10:00", person!);
    await db.updateTable("appointment").set({ status: "cancelled" }).where("id", "=", id).execute();
    await appointmentRemindersJob.run(db, parisInstant("2027-06-19", "10:00")!);
    expect((await reminders(id))[0]).toHaveLength(0);
  });
});
