import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { createFeed, personalFeedIcs } from "../../app/features/calendar/feed.server";
import { ScheduleClassSchema } from "../../app/features/classrooms/schemas";
import { FieldError } from "../../app/lib/errors";
import { cancelClass, classCalendar, classPage, queueClassReminders, registerLearner, registerSelf, scheduleClass, schedulingFormData, unregisterSelf } from "../../app/features/classrooms/service.server";
import { stepLinkedPath } from "../../app/features/paths/model";
import { seedPathsAndCourses } from "./paths-fixtures";
import type { Db } from "../../app/lib/db.server";
import { action as newClassAction } from "../../app/routes/classes.new";
import { loader as calendarLoader } from "../../app/routes/classes.calendar";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { makeClass, postForm, register, routeContext } from "./classrooms-support";

const HOUR = 60 * 60_000;
let db: Db;
let mediator: User;
let teacher: User;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  teacher = await createUser(db, { role: "teacher", firstName: "Thomas" });
  coordinator = await createUser(db, { role: "coordinator" });
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e) => (e instanceof FieldError ? `field ${e.field} ${e.messageKey}` : `${e.init?.status} ${e.data?.code}`),
  );

function input(overrides: Record<string, unknown> = {}) {
  const parsed = ScheduleClassSchema.parse({
    title: "Faire ses démarches en ligne",
    startsAt: "2099-03-12T14:00",
    durationMinutes: "90",
    capacity: "8",
    hostId: mediator.id,
    ...overrides,
  });
  return parsed;
}

const mails = (to: string) => db.selectFrom("outbox_message").selectAll().where("to_address", "=", to).orderBy("id").execute();

describe("scheduling", () => {
  it("lets staff schedule their own class, in Paris time, with co-hosts", async () => {
    const classroom = await scheduleClass(db, mediator, input({ cohostIds: [teacher.id], recordingEnabled: "on" }));
    // 14:00 in Paris in March (winter time) is 13:00 UTC.
    expect(classroom.starts_at.toISOString()).toBe("2099-03-12T13:00:00.000Z");
    expect(classroom.ends_at.toISOString()).toBe("2099-03-12T14:30:00.000Z");
    expect(classroom).toMatchObject({ host_id: mediator.id, capacity: 8, recording_enabled: true, room_name: `passerelle-classe-${classroom.id}` });
    const page = await classPage(db, teacher, classroom.id);
    expect(page.viewer).toMatchObject({ isHost: true, canModerate: true });
    expect(page.cohosts.map((c) => c.id)).toEqual([teacher.id]);
  });

  it("refuses learners, a host other than oneself (except for the coordination), a start in the past and bad input", async () => {
    const learner = await createUser(db);
    expect(await failure(scheduleClass(db, learner, input({ hostId: learner.id })))).toBe("403 forbidden");
    expect(await failure(scheduleClass(db, mediator, input({ hostId: teacher.id })))).toBe("field hostId classrooms:errors.host_not_you");
    expect(await failure(scheduleClass(db, coordinator, input({ hostId: teacher.id })))).toBe("ok");
    expect(await failure(scheduleClass(db, coordinator, input({ hostId: learner.id })))).toBe("field hostId classrooms:errors.host_invalid");
    expect(await failure(scheduleClass(db, mediator, input({ cohostIds: [learner.id] })))).toBe("field cohostIds classrooms:errors.cohost_invalid");
    expect(await failure(scheduleClass(db, mediator, input({ startsAt: "2020-01-01T10:00" })))).toBe("field startsAt classrooms:errors.start_past");

    const bad = ScheduleClassSchema.safeParse({ title: "x", startsAt: "demain", durationMinutes: "17", capacity: "0", hostId: "moi", linkedPath: "//evil.example" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      title: "classrooms:errors.title_required",
      startsAt: "classrooms:errors.start_invalid",
      durationMinutes: "classrooms:errors.duration_invalid",
      capacity: "classrooms:errors.capacity_invalid",
      hostId: "classrooms:errors.host_invalid",
      linkedPath: "classrooms:errors.linked_path_invalid",
    });
  });

  it("answers the scheduling form with a 400 and translated field errors, writing nothing", async () => {
    const before = await db.selectFrom("classroom").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const response = await newClassAction({
      request: postForm("/classes/nouvelle", { title: "Atelier", startsAt: "2020-01-01T10:00", durationMinutes: "60", capacity: "10", hostId: mediator.id }),
      context: routeContext(db, mediator),
      params: {},
    } as never);
    const reply = response as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error).toEqual({ startsAt: ["classrooms:errors.start_past"] });
    const after = await db.selectFrom("classroom").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe("linking a class to a path step or a course", () => {
  it("offers each virtual-class step of the paths, by the address that makes attendance count, and the published courses", async () => {
    await seedPathsAndCourses(db);
    const form = await schedulingFormData(db, mediator);
    expect(form.pathSteps).toContainEqual({
      value: stepLinkedPath("autonome-avec-le-numerique", "classe-questions"),
      path: "Autonome avec le numérique au quotidien",
      step: "Une classe virtuelle « Vos questions sur la sécurité »",
    });
    expect(form.pathSteps.every((s) => ScheduleClassSchema.shape.linkedPath.safeParse(s.value).success)).toBe(true);
    expect(form.courses.map((c) => c.value)).toContain("/cours/creer-et-utiliser-une-adresse-e-mail");
  });
});

describe("registration", () => {
  it("registers once (a double click is one seat) and unregisters", async () => {
    const classroom = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 48 * HOUR) });
    const learner = await createUser(db);
    expect((await registerSelf(db, learner, classroom.id)).created).toBe(true);
    expect((await registerSelf(db, learner, classroom.id)).created).toBe(false);
    expect((await classPage(db, learner, classroom.id)).seatsTaken).toBe(1);
    await unregisterSelf(db, learner, classroom.id);
    expect((await classPage(db, learner, classroom.id)).viewer.registered).toBe(false);
    expect(await failure(registerSelf(db, mediator, classroom.id))).toBe("409 host_registration");
  });

  it("never gives more seats than the capacity, whatever the concurrency", async () => {
    const classroom = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 48 * HOUR), capacity: 3 });
    const learners = await Promise.all(Array.from({ length: 12 }, () => createUser(db)));
    const results = await Promise.all(learners.map((l) => failure(registerSelf(db, l, classroom.id))));
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
    expect(results.filter((r) => r === "409 full")).toHaveLength(9);
    expect((await classPage(db, mediator, classroom.id)).registrants).toHaveLength(3);
  });

  it("lets a mediator register the people they accompany (no email needed), and a host anyone by email", async () => {
    const classroom = await makeClass(db, teacher, { startsAt: new Date(Date.now() + 48 * HOUR) });
    const assisted = await createUser(db, { email: null, createdBy: mediator.id, firstName: "Lucienne" });
    const result = await registerLearner(db, mediator, classroom.id, { learnerId: assisted.id });
    expect(result).toMatchObject({ created: true, learner: { id: assisted.id } });

    const someoneElse = await createUser(db);
    // Not the mediator's learner and not the mediator's class: refused.
    expect(await failure(registerLearner(db, mediator, classroom.id, { email: someoneElse.email! }))).toBe("403 forbidden");
    expect(await failure(registerLearner(db, teacher, classroom.id, { email: someoneElse.email! }))).toBe("ok");
    expect(await failure(registerLearner(db, teacher, classroom.id, { email: "personne@nulle-part.fr" }))).toBe("field email classrooms:errors.learner_unknown");
    const page = await classPage(db, teacher, classroom.id);
    expect(page.registrants.map((r) => r.id).sort()).toEqual([assisted.id, someoneElse.id].sort());
    // Learners never see the list.
    expect((await classPage(db, someoneElse, classroom.id)).registrants).toEqual([]);
  });
});

describe("calendar, reminders and cancellation", () => {
  it("serves an .ics that calendar apps read back (ical.js), only to the people of the class", async () => {
    const start = new Date("2099-07-01T12:00:00Z");
    const classroom = await makeClass(db, mediator, { startsAt: start, minutes: 45, title: "Visio avec ses petits-enfants" });
    const learner = await createUser(db);
    await register(db, classroom, learner);
    const response = (await calendarLoader({
      request: new Request(`http://app.test/classes/${classroom.id}.ics`),
      context: routeContext(db, learner),
      params: { id: classroom.id },
    } as never)) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const component = new ICAL.Component(ICAL.parse(await response.text()));
    ICAL.TimezoneService.register(new ICAL.Timezone(component.getFirstSubcomponent("vtimezone")!));
    const event = new ICAL.Event(component.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("Visio avec ses petits-enfants");
    expect(event.startDate.toJSDate().toISOString()).toBe(start.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe("2099-07-01T12:45:00.000Z");
    expect(event.uid).toBe(`classe-${classroom.id}@passerelle`);
    expect(event.description).toContain(`/classes/${classroom.id}/rejoindre`);

    const stranger = await createUser(db);
    expect(await failure(classCalendar(db, stranger, `${classroom.id}.ics`))).toBe("403 forbidden");
  });

  it("puts the classes of a person in their personal calendar feed (cancelled ones marked so)", async () => {
    const learner = await createUser(db);
    const upcoming = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 30 * HOUR), title: "Classe du feed" });
    const cancelled = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 40 * HOUR), title: "Classe annulée du feed" });
    const old = await makeClass(db, mediator, { startsAt: new Date(Date.now() - 90 * 24 * HOUR), title: "Classe trop ancienne" });
    const other = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 30 * HOUR), title: "Classe des autres" });
    await register(db, upcoming, learner);
    await register(db, cancelled, learner);
    await register(db, old, learner);
    await cancelClass(db, mediator, cancelled.id);
    const url = await createFeed(db, learner);
    const body = (await personalFeedIcs(db, url.split("/calendrier/")[1]!.replace(/\.ics$/, "")))!;
    const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    const byTitle = Object.fromEntries(events.map((e) => [e.summary, e]));
    expect(byTitle["Classe du feed"]?.uid).toBe(`classe-${upcoming.id}@passerelle`);
    expect(byTitle["Classe annulée du feed"]?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(byTitle["Classe trop ancienne"]).toBeUndefined();
    expect(byTitle["Classe des autres"]).toBeUndefined();
    // The host has it too.
    const hostFeed = await createFeed(db, mediator);
    expect(await personalFeedIcs(db, hostFeed.split("/calendrier/")[1]!.replace(/\.ics$/, ""))).toContain(`classe-${other.id}@passerelle`);
  });

  it("queues one reminder per registrant the day before, never twice, and none for someone without email", async () => {
    const now = new Date();
    const soon = await makeClass(db, mediator, { startsAt: new Date(now.getTime() + 20 * HOUR), title: "Classe de demain" });
    const later = await makeClass(db, mediator, { startsAt: new Date(now.getTime() + 72 * HOUR), title: "Classe dans trois jours" });
    const withEmail = await createUser(db, { firstName: "Josette" });
    const withoutEmail = await createUser(db, { email: null, createdBy: mediator.id });
    await register(db, soon, withEmail, withoutEmail);
    await register(db, later, withEmail);

    await queueClassReminders(db, now);
    await queueClassReminders(db, now);
    const sent = await mails(withEmail.email!);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: "Rappel : classe virtuelle « Classe de demain »", dedupe_key: `classroom-reminder:${soon.id}:${withEmail.id}` });
    expect(sent[0]!.text_body).toContain(`/classes/${soon.id}/rejoindre`);
    expect(sent[0]!.text_body).toContain("Bonjour Josette");
    const reminded = await db.selectFrom("classroom_registration").select(["user_id", "reminded_at"]).where("classroom_id", "=", soon.id).execute();
    expect(reminded.every((r) => r.reminded_at)).toBe(true);

    // Two days later the other class is within 24 hours.
    await queueClassReminders(db, new Date(now.getTime() + 50 * HOUR));
    expect(await mails(withEmail.email!)).toHaveLength(2);
  });

  it("cancels: every registrant with an address is told once, in their language; no more registration", async () => {
    const classroom = await makeClass(db, mediator, { startsAt: new Date(Date.now() + 48 * HOUR), title: "Sécurité sur Internet" });
    const french = await createUser(db, { firstName: "Josette" });
    const english = await createUser(db, { firstName: "John" });
    await db.updateTable("app_user").set({ locale: "en" }).where("id", "=", english.id).execute();
    const noEmail = await createUser(db, { email: null, createdBy: mediator.id });
    await register(db, classroom, french, english, noEmail);

    expect(await failure(cancelClass(db, french, classroom.id))).toBe("403 forbidden");
    expect(await cancelClass(db, mediator, classroom.id)).toEqual({ notified: 2 });
    expect(await cancelClass(db, mediator, classroom.id)).toEqual({ notified: 0 });
    const [fr] = await mails(french.email!);
    expect(fr).toMatchObject({ subject: "Classe annulée : « Sécurité sur Internet »", dedupe_key: `classroom-cancelled:${classroom.id}:${french.id}` });
    expect(await mails(french.email!)).toHaveLength(1);
    const [en] = await mails(english.email!);
    expect(en!.subject).toBe('Class cancelled: "Sécurité sur Internet"');

    const late = await createUser(db);
    expect(await failure(registerSelf(db, late, classroom.id))).toBe("409 cancelled");
    const ics = await classCalendar(db, french, classroom.id);
    expect(ics.body).toContain("METHOD:CANCEL");
    expect(ics.body).toContain("STATUS:CANCELLED");
    expect(ics.body).toContain("SEQUENCE:1");
  });
});
