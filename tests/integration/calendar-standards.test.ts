import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { createFeed, personalFeedIcs } from "../../app/features/calendar/feed.server";
import { ScheduleClassSchema } from "../../app/features/classrooms/schemas";
import { cancelClass, classCalendar } from "../../app/features/classrooms/service.server";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { workshopIcs } from "../../app/features/workshops/calendar.server";
import { parisInstant, WorkshopSchema } from "../../app/features/workshops/schemas";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import { action as newClassAction } from "../../app/routes/classes.new";
import { action as workshopFormAction } from "../../app/routes/workshop.edit";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { checkIcal } from "../helpers/ical-check";
import { makeClass, postForm, register, routeContext } from "./classrooms-support";

/**
 * Issue 15: the calendars we publish pass independent validators
 * (python-icalendar and libical 3 with its RFC 5546 restriction checks), and
 * a time that does not exist in Paris is refused for what it is.
 */
let db: Db;
let mediator: User;
let learner: User;
let spaceId: string;

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  learner = await createUser(db, { firstName: "Łucja-Ngọc" });
  spaceId = (
    await db
      .insertInto("relay_space")
      .values({ slug: `cal-${Date.now()}`, name: "Médiathèque", commune: "Rieux", postal_code: "60870", address: "1 place de la Mairie" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

async function workshopAt(date: string, time: string, minutes: number, title: string) {
  const start = parisInstant(date, time)!;
  const w = await db
    .insertInto("workshop")
    .values({ title, themes: ["email"], level: "debutant", relay_space_id: spaceId, starts_at: start, ends_at: new Date(start.getTime() + minutes * 60_000), seats: 5, created_by: mediator.id })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("workshop_mediator").values({ workshop_id: w.id, user_id: mediator.id }).execute();
  return w;
}

const DAY = 24 * 60 * 60_000;

describe("published calendars pass python-icalendar and libical", () => {
  it("a workshop's .ics: no error, DTSTAMP in UTC, an ORGANIZER, Paris times read back right", async () => {
    const w = await workshopAt("2027-03-27", "10:00", 90, "Avant le changement d'heure");
    const before = Date.now();
    const checked = checkIcal((await workshopIcs(db, w.id, "fr")).body);
    expect(checked.errors).toEqual([]);
    expect(checked.method).toBe("PUBLISH");
    const [event] = checked.events;
    expect(event).toMatchObject({ uid: `workshop-${w.id}@passerelle`, start: "2027-03-27T09:00:00+00:00", end: "2027-03-27T10:30:00+00:00", startTzid: "Europe/Paris" });
    expect(event!.organizer).toMatch(/^mailto:.+@/);
    // The stamp is now, in UTC: read as local time it would be an hour or two off in Paris.
    expect(Math.abs(new Date(event!.stamp).getTime() - before)).toBeLessThan(60_000);
  });

  it("a class's .ics, published and then cancelled (METHOD:CANCEL): no error", async () => {
    const classroom = await makeClass(db, mediator, { startsAt: new Date(Math.floor((Date.now() + 3 * DAY) / 60_000) * 60_000), minutes: 45, title: "Visio avec ses petits-enfants" });
    await register(db, classroom, learner);
    const published = checkIcal((await classCalendar(db, learner, classroom.id)).body);
    expect(published.errors).toEqual([]);
    expect(published.method).toBe("PUBLISH");
    expect(published.events[0]).toMatchObject({ uid: `classe-${classroom.id}@passerelle`, start: classroom.starts_at.toISOString().replace(".000Z", "+00:00"), status: "CONFIRMED" });

    await cancelClass(db, mediator, classroom.id);
    const cancelled = checkIcal((await classCalendar(db, learner, classroom.id)).body);
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.method).toBe("CANCEL");
    expect(cancelled.events[0]).toMatchObject({ status: "CANCELLED", sequence: 1 });
  });

  it("the personal feed, with workshops and classes, one of them cancelled: no error", async () => {
    const soon = new Date(Date.now() + 2 * DAY);
    const date = soon.toISOString().slice(0, 10);
    const workshop = await workshopAt(date, "14:00", 120, "Atelier du flux");
    const cancelledWorkshop = await workshopAt(date, "09:00", 60, "Atelier annulé du flux");
    await bookSeat(db, learner, workshop.id);
    await bookSeat(db, learner, cancelledWorkshop.id);
    await db.updateTable("workshop").set({ cancelled_at: new Date(), sequence: 1 }).where("id", "=", cancelledWorkshop.id).execute();
    const classroom = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 4 * DAY), title: "Classe du flux" });
    await register(db, classroom, learner);

    const url = await createFeed(db, learner);
    const body = (await personalFeedIcs(db, /([a-z0-9]+)\.ics$/.exec(url)![1]!))!;
    const checked = checkIcal(body);
    expect(checked.errors).toEqual([]);
    const uids = checked.events.map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([`workshop-${workshop.id}@passerelle`, `workshop-${cancelledWorkshop.id}@passerelle`, `classe-${classroom.id}@passerelle`]));
    expect(checked.events.find((e) => e.uid === `workshop-${cancelledWorkshop.id}@passerelle`)?.status).toBe("CANCELLED");
    expect(checked.events.every((e) => e.organizer?.startsWith("mailto:"))).toBe(true);
  });
});

// 28 March 2027 is the last Sunday of March: in Paris the clocks go from 02:00 straight to 03:00.
const GAP_DATE = "2027-03-28";

const formData = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return body;
};

describe("a time that does not exist in Paris (the hour skipped in March)", () => {
  const workshopFields = () => ({ title: "Atelier de nuit", themes: ["email"], level: "debutant", place: spaceId, date: GAP_DATE, startTime: "02:30", endTime: "04:00", seats: "5" });

  it("the workshop form says so on the field that falls in it, in both languages, with a 400 and nothing written", async () => {
    const parsed = WorkshopSchema.safeParse({ ...workshopFields(), themes: ["email"], seats: 5, coMediators: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["startTime", "workshops:errors.time_in_dst_gap"]]);
    const endInGap = WorkshopSchema.safeParse({ ...workshopFields(), startTime: "01:00", endTime: "02:15", seats: 5, coMediators: [] });
    expect(endInGap.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endTime", "workshops:errors.time_in_dst_gap"]]);

    const count = async () => Number((await db.selectFrom("workshop").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const response = await workshopFormAction({
      request: new Request("http://app.test/ateliers/nouveau", { method: "POST", body: formData({ intent: "save", ...workshopFields() }) }),
      context: routeContext(db, mediator),
      params: {},
    } as never);
    const reply = response as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error).toEqual({ startTime: ["workshops:errors.time_in_dst_gap"] });
    expect(await count()).toBe(before);

    expect(serverT("fr")("workshops:errors.time_in_dst_gap")).toMatch(/n'existe pas ce jour-là.*heure d'été.*de 2 h à 3 h/);
    expect(serverT("en")("workshops:errors.time_in_dst_gap")).toMatch(/does not exist on that day.*summer time/);
    // 03:00 that night exists and is accepted (01:00 UTC).
    const fine = WorkshopSchema.safeParse({ ...workshopFields(), startTime: "03:00", seats: 5, coMediators: [] });
    expect(fine.success && fine.data.startsAt.toISOString()).toBe("2027-03-28T01:00:00.000Z");
  });

  it("the class form says so too, with a 400 and nothing written", async () => {
    const parsed = ScheduleClassSchema.safeParse({ title: "Classe de nuit", startsAt: `${GAP_DATE}T02:30`, durationMinutes: "60", capacity: "10", hostId: mediator.id });
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["startsAt", "classrooms:errors.start_in_dst_gap"]]);

    const count = async () => Number((await db.selectFrom("classroom").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const response = await newClassAction({
      request: postForm("/classes/nouvelle", { title: "Classe de nuit", startsAt: `${GAP_DATE}T02:30`, durationMinutes: "60", capacity: "10", hostId: mediator.id }),
      context: routeContext(db, mediator),
      params: {},
    } as never);
    const reply = response as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error).toEqual({ startsAt: ["classrooms:errors.start_in_dst_gap"] });
    expect(await count()).toBe(before);
    expect(serverT("fr")("classrooms:errors.start_in_dst_gap")).toMatch(/n'existe pas ce jour-là/);
    expect(serverT("en")("classrooms:errors.start_in_dst_gap")).toMatch(/does not exist on that day/);
  });
});
