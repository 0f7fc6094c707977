import ICAL from "ical.js";
import { sql } from "kysely";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { createFeed, personalFeedIcs, revokeFeed } from "../../app/features/calendar/feed.server";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { workshopIcs } from "../../app/features/workshops/calendar.server";
import { sendWorkshopReminders } from "../../app/features/workshops/reminders.server";
import { seedWorkshops } from "../../app/features/workshops/seed.server";
import { parisInstant } from "../../app/features/workshops/schemas";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let mediator: User;
let learner: User;
let spaceId: string;

async function workshopAt(date: string, time: string, minutes = 90, title = "Atelier") {
  const start = parisInstant(date, time)!;
  const w = await db
    .insertInto("workshop")
    .values({
      title,
      themes: ["email"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: start,
      ends_at: new Date(start.getTime() + minutes * 60_000),
      seats: 5,
      created_by: mediator.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("workshop_mediator").values({ workshop_id: w.id, user_id: mediator.id }).execute();
  return w;
}

/** Reads a calendar with ical.js (an independent parser) and returns its events as UTC instants. */
function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const tz of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return component.getAllSubcomponents("vevent").map((e) => {
    const event = new ICAL.Event(e);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: e.getFirstProperty("dtstart")?.getParameter("tzid"),
      wall: `${String(event.startDate.hour).padStart(2, "0")}:${String(event.startDate.minute).padStart(2, "0")}`,
      status: e.getFirstPropertyValue("status"),
    };
  });
}

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  learner = await createUser(db, { firstName: "Josette" });
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `ics-${Date.now()}`, name: "Médiathèque", commune: "Rieux", postal_code: "60870", address: "1 place de la Mairie" })
    .returning("id")
    .executeTakeFirstOrThrow();
  spaceId = space.id;
});

describe("workshop calendars (acceptance 4)", () => {
  it("the .ics of a workshop parses and carries Paris times on both sides of the DST change", async () => {
    // 27 March 2027 (winter time, UTC+1) and 29 March 2027 (summer time, UTC+2), 10:00 in Paris both days.
    const before = await workshopAt("2027-03-27", "10:00", 90, "Avant le changement d'heure");
    const after = await workshopAt("2027-03-29", "10:00", 90, "Après le changement d'heure");
    const a = parse((await workshopIcs(db, before.id, "fr")).body);
    const b = parse((await workshopIcs(db, after.id, "fr")).body);
    expect(a).toEqual([
      expect.objectContaining({ uid: `workshop-${before.id}@passerelle`, start: "2027-03-27T09:00:00.000Z", end: "2027-03-27T10:30:00.000Z", tzid: "Europe/Paris", wall: "10:00" }),
    ]);
    expect(b).toEqual([
      expect.objectContaining({ start: "2027-03-29T08:00:00.000Z", end: "2027-03-29T09:30:00.000Z", tzid: "Europe/Paris", wall: "10:00" }),
    ]);
    expect(a[0]!.summary).toContain("Avant le changement d'heure");
    const raw = (await workshopIcs(db, before.id, "fr")).body;
    expect(raw).toContain("BEGIN:VTIMEZONE");
    expect(raw).toContain("DTSTART;TZID=Europe/Paris:20270327T100000");
    expect(raw).toContain("LOCATION:Médiathèque\\, 1 place de la Mairie\\, 60870 Rieux");
  });

  it("the personal feed lists the person's workshops across DST, and stops working when revoked or renewed", async () => {
    const autumnBefore = await workshopAt("2027-10-30", "14:00", 120, "Samedi");
    const autumnAfter = await workshopAt("2027-11-01", "14:00", 120, "Lundi");
    const notMine = await workshopAt("2027-10-31", "09:00", 60, "Pas le mien");
    await bookSeat(db, learner, autumnBefore.id);
    await bookSeat(db, learner, autumnAfter.id);

    const url = await createFeed(db, learner);
    const token = /\/calendrier\/([a-z0-9]+)\.ics$/.exec(url)![1]!;
    const events = parse((await personalFeedIcs(db, token))!);
    expect(events.map((e) => e.summary)).toEqual([expect.stringContaining("Samedi"), expect.stringContaining("Lundi")]);
    // 30 October 2027 is summer time (UTC+2); 1 November is winter time (UTC+1).
    expect(events.map((e) => [e.start, e.wall])).toEqual([
      ["2027-10-30T12:00:00.000Z", "14:00"],
      ["2027-11-01T13:00:00.000Z", "14:00"],
    ]);
    expect(events.some((e) => e.uid === `workshop-${notMine.id}@passerelle`)).toBe(false);

    // The mediator's own feed lists the workshops they lead.
    const mediatorToken = /([a-z0-9]+)\.ics$/.exec(await createFeed(db, mediator))![1]!;
    expect(parse((await personalFeedIcs(db, mediatorToken))!).map((e) => e.uid)).toContain(`workshop-${notMine.id}@passerelle`);

    // A cancelled workshop stays in the feed, marked CANCELLED, so calendar apps remove it.
    await db.updateTable("workshop").set({ cancelled_at: new Date(), sequence: 1 }).where("id", "=", autumnAfter.id).execute();
    const withCancel = parse((await personalFeedIcs(db, token))!);
    expect(withCancel.find((e) => e.uid === `workshop-${autumnAfter.id}@passerelle`)?.status).toBe("CANCELLED");

    // Renewing gives a new secret: the old URL stops working. Revoking stops the new one.
    const renewed = /([a-z0-9]+)\.ics$/.exec(await createFeed(db, learner))![1]!;
    expect(await personalFeedIcs(db, token)).toBeNull();
    expect(await personalFeedIcs(db, renewed)).not.toBeNull();
    await revokeFeed(db, learner);
    expect(await personalFeedIcs(db, renewed)).toBeNull();
    expect(await personalFeedIcs(db, "pas-un-jeton")).toBeNull();
    // Only the hash is stored.
    const stored = await db.selectFrom("calendar_feed").select("token_hash").execute();
    expect(stored.some((r) => r.token_hash === mediatorToken)).toBe(false);
  });
});

describe("day-before reminders", () => {
  it("queues one mail per confirmed booking with an address, for tomorrow's workshops only, and is idempotent", async () => {
    const now = parisInstant("2027-06-14", "18:00")!;
    const tomorrow = await workshopAt("2027-06-15", "09:30", 60, "Demain matin");
    const tomorrowLate = await workshopAt("2027-06-15", "23:30", 20, "Demain soir");
    const later = await workshopAt("2027-06-16", "00:30", 60, "Après-demain");
    const withEmail = await createUser(db, { firstName: "Lucien" });
    const noEmail = await createUser(db, { email: null, firstName: "Marcel", createdBy: mediator.id });
    const waiting = await createUser(db, { firstName: "Odette" });
    await db.updateTable("workshop").set({ seats: 2 }).where("id", "=", tomorrow.id).execute();
    await bookSeat(db, withEmail, tomorrow.id);
    await bookSeat(db, noEmail, tomorrow.id);
    await bookSeat(db, waiting, tomorrow.id); // waitlisted: no reminder
    await bookSeat(db, withEmail, tomorrowLate.id);
    await bookSeat(db, withEmail, later.id);

    const first = await sendWorkshopReminders(db, now);
    expect(first).toBe(2);
    const mails = await db.selectFrom("outbox_message").selectAll().where("dedupe_key", "like", "workshop-reminder:%").execute();
    const mine = mails.filter((m) => m.to_address === withEmail.email);
    expect(mine.map((m) => m.subject).sort()).toEqual(["Demain : Demain matin", "Demain : Demain soir"]);
    expect(mine[0]!.text_body).toContain("Bonjour Lucien");
    expect(mails.some((m) => m.to_address === waiting.email)).toBe(false);

    const before = (await db.selectFrom("outbox_message").select("id").execute()).length;
    await sendWorkshopReminders(db, now);
    await sendWorkshopReminders(db, new Date(now.getTime() + 3 * 60 * 60 * 1000));
    expect((await db.selectFrom("outbox_message").select("id").execute()).length).toBe(before);
  });
});

describe("demo workshops", () => {
  it("are seeded in the three relay spaces, once", async () => {
    const fresh = db;
    for (const [slug, name] of [
      ["pont-sainte-maxence-mediatheque", "Médiathèque"],
      ["rieux-mairie", "Mairie"],
      ["verneuil-en-halatte-centre-social", "Centre social"],
    ] as const) {
      await fresh
        .insertInto("relay_space")
        .values({ slug, name, commune: "X", postal_code: "60000", address: "1 rue" })
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
    }
    const first = await seedWorkshops(fresh);
    const again = await seedWorkshops(fresh);
    expect(first).toBe(6);
    expect(again).toBe(0);
    const rows = await fresh
      .selectFrom("workshop")
      .innerJoin("relay_space", "relay_space.id", "workshop.relay_space_id")
      .select(["relay_space.slug", "workshop.starts_at"])
      .where(sql<boolean>`workshop.id::text like '5eed0000%'`)
      .execute();
    expect(new Set(rows.map((r) => r.slug)).size).toBe(3);
    expect(rows.every((r) => r.starts_at > new Date())).toBe(true);
  });
});

describe("the reminder job", () => {
  it("is registered with the periodic job scheduler and runs", async () => {
    await import("../../app/modules.server");
    const { registeredJobs, runJobOnce } = await import("../../app/lib/jobs.server");
    const job = registeredJobs().find((j) => j.name === "workshop-reminders");
    expect(job).toBeDefined();
    const start = new Date(Date.now() + 24 * 3_600_000);
    const w = await db
      .insertInto("workshop")
      .values({ title: "Par le planificateur", themes: ["email"], level: "debutant", is_remote: true, starts_at: start, ends_at: new Date(start.getTime() + 3_600_000), seats: 3 })
      .returningAll()
      .executeTakeFirstOrThrow();
    const person = await createUser(db, { firstName: "Planifiée" });
    await bookSeat(db, person, w.id);
    // Ask for the reminders as if it were the day before, at noon in Paris.
    const dayBefore = parisInstant(DateTime.fromJSDate(start).setZone("Europe/Paris").minus({ days: 1 }).toISODate()!, "12:00")!;
    expect(await runJobOnce(db, job!, { now: dayBefore })).toBe(true);
    const mail = await db.selectFrom("outbox_message").select("subject").where("to_address", "=", person.email!).orderBy("id").execute();
    // The booking's confirmation, then the reminder.
    expect(mail.map((m) => m.subject)).toEqual(["Votre place est réservée : Par le planificateur", "Demain : Par le planificateur"]);
  });
});

