import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { bookSlot, cancelAppointment, moveAppointment } from "../../app/features/appointments/booking.server";
import { appointmentCalendarEvents } from "../../app/features/appointments/calendar.server";
import { getAppointmentIcs, getBookingPage, getMyAppointments } from "../../app/features/appointments/service.server";
import { getStaffDesk, markAttendance, publishAvailability, withdrawSlot } from "../../app/features/appointments/staff.server";
import { loadLearnerHome, loadRecord, loadRecordOfLearner } from "../../app/features/record/service.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";
import { checkIcal } from "../helpers/ical-check";
import { newSpace, parisDate, publish } from "./appointments-fixtures";

let db: Db;
let mediatorA: User;
let colleagueA: User;
let mediatorB: User;
let coordinator: User;
let learner: User;
let otherLearner: User;
let placeA: string;
let placeB: string;
let appointmentId: string;

beforeAll(async () => {
  db = await testDb();
  [mediatorA, colleagueA, mediatorB, coordinator] = await Promise.all([
    createUser(db, { role: "mediator" }),
    createUser(db, { role: "mediator" }),
    createUser(db, { role: "mediator" }),
    createUser(db, { role: "coordinator" }),
  ]);
  [learner, otherLearner] = await Promise.all([createUser(db), createUser(db)]);
  [placeA, placeB] = await Promise.all([newSpace(db, "Lieu A"), newSpace(db, "Lieu B")]);
  // The appointment is tomorrow: attendance can be recorded from the day before.
  const [slot] = await publish(db, mediatorA, { placeId: placeA, date: parisDate(1), from: "18:00", to: "18:30", reasons: ["commerce", "email"] });
  await publish(db, colleagueA, { placeId: placeA, date: parisDate(2), from: "10:00", to: "10:30" });
  await publish(db, mediatorB, { placeId: placeB, date: parisDate(2), from: "10:00", to: "10:30" });
  appointmentId = (await bookSlot(db, learner, { slotId: slot!.id, reason: "commerce" })).appointment.id;
  await db
    .insertInto("business_diagnostic")
    .values({ user_id: learner.id, business_name: "Fleurs de Rieux", sector: "commerce", version: 1, answers: {}, axis_scores: {}, overall_score: 42, token_hash: `t-${Date.now()}` })
    .execute();
});

describe("who sees which appointment (acceptance 5)", () => {
  it("a mediator of another place gets 403 on marking and 404 on reading; her desk does not list it", async () => {
    expect(await statusOf(markAttendance(db, mediatorB, appointmentId, "attended"))).toBe(403);
    expect(await statusOf(getAppointmentIcs(db, mediatorB, appointmentId))).toBe(404);
    expect(await statusOf(cancelAppointment(db, mediatorB, appointmentId))).toBe(404);
    const desk = await getStaffDesk(db, mediatorB);
    expect(desk.appointments.map((a) => a.id)).not.toContain(appointmentId);
    expect(desk.freeSlots.every((s) => s.space_name === "Lieu B")).toBe(true);
  });

  it("a business-coaching appointment shows the person's visibility pre-diagnostic to the mediator", async () => {
    const row = (await getStaffDesk(db, mediatorA)).appointments.find((a) => a.id === appointmentId)!;
    expect(row.businessDiagnostic).toMatchObject({ overall: 42 });
    expect((await getBookingPage(db, learner, { reason: "commerce", place: placeA })).businessDiagnostic).toMatchObject({ overall: 42 });
  });

  it("a mediator who receives at the same place sees it, and so does the coordinator", async () => {
    expect((await getStaffDesk(db, colleagueA)).appointments.map((a) => a.id)).toContain(appointmentId);
    expect((await getStaffDesk(db, coordinator)).appointments.map((a) => a.id)).toContain(appointmentId);
    expect((await getStaffDesk(db, mediatorA)).appointments.map((a) => a.id)).toContain(appointmentId);
  });

  it("a learner sees only their own appointments; another learner's is a 404", async () => {
    expect((await getMyAppointments(db, learner)).upcoming.map((a) => a.id)).toEqual([appointmentId]);
    expect((await getMyAppointments(db, otherLearner)).upcoming).toEqual([]);
    expect((await loadLearnerHome(db, learner))!.appointments.map((a) => a.id)).toEqual([appointmentId]);
    expect((await loadLearnerHome(db, otherLearner))!.appointments).toEqual([]);
    expect(await statusOf(getAppointmentIcs(db, otherLearner, appointmentId))).toBe(404);
    expect(await statusOf(cancelAppointment(db, otherLearner, appointmentId))).toBe(404);
    expect(await statusOf(getBookingPage(db, otherLearner, { replaces: appointmentId }))).toBe(404);
  });

  it("learners cannot publish or run the desk; teachers cannot book or run the desk", async () => {
    const teacher = await createUser(db, { role: "teacher" });
    const input = { intent: "publish" as const, mode: "phone" as const, date: parisDate(5), from: "10:00", to: "11:00", slotMinutes: 30, reasons: ["email" as const] };
    expect(await statusOf(publishAvailability(db, learner, input))).toBe(403);
    expect(await statusOf(getStaffDesk(db, learner))).toBe(403);
    expect(await statusOf(getStaffDesk(db, teacher))).toBe(403);
    expect(await statusOf(getMyAppointments(db, teacher))).toBe(403);
  });

  it("a mediator books on behalf only of people she helps, and only on slots of her places", async () => {
    const [free] = await publish(db, mediatorA, { placeId: placeA, date: parisDate(3), from: "09:00", to: "09:30" });
    const assisted = await createUser(db, { email: null, createdBy: mediatorA.id, firstName: "Josette" });
    expect(await statusOf(bookSlot(db, mediatorA, { slotId: free!.id, reason: "email", forUserId: otherLearner.id }))).toBe(403);
    expect(await statusOf(bookSlot(db, mediatorB, { slotId: free!.id, reason: "email", forUserId: assisted.id }))).toBe(403);
    const done = await bookSlot(db, mediatorA, { slotId: free!.id, reason: "email", forUserId: assisted.id, phone: "06 11 22 33 44" });
    expect(done.channel).toBe("sms");
  });
});

describe("rescheduling by staff", () => {
  it("a mediator moves an appointment of her place; the person gets the new one and a cancelled .ics for the old; another place's mediator cannot", async () => {
    const [from, to] = await publish(db, mediatorA, { placeId: placeA, date: parisDate(7), from: "10:00", to: "11:00", reasons: ["email"] });
    const person = await createUser(db);
    const { appointment } = await bookSlot(db, person, { slotId: from!.id, reason: "email" });
    expect(await statusOf(moveAppointment(db, mediatorB, appointment.id, to!.id))).toBe(403);
    const moved = await moveAppointment(db, colleagueA, appointment.id, to!.id);
    const old = await db.selectFrom("appointment").selectAll().where("id", "=", appointment.id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: "cancelled", rescheduled_to: moved.appointment.id, cancelled_by: colleagueA.id });
    const cancelled = await db.selectFrom("outbox_message").selectAll().where("dedupe_key", "=", `appointment-cancelled:${appointment.id}`).executeTakeFirstOrThrow();
    const ics = checkIcal(cancelled.attachments![0]!.content);
    expect(ics.errors).toEqual([]);
    expect(ics.events[0]).toMatchObject({ uid: `appointment-${appointment.id}@passerelle`, status: "CANCELLED", sequence: 1 });
  });
});

describe("attendance, the activity log, the record and the calendar (acceptance 2)", () => {
  it("the .ics of an appointment passes an independent checker, and the personal feed carries it", async () => {
    const { body } = await getAppointmentIcs(db, learner, appointmentId);
    const check = checkIcal(body);
    expect(check.errors).toEqual([]);
    expect(check.events).toHaveLength(1);
    expect(check.events[0]!.uid).toBe(`appointment-${appointmentId}@passerelle`);
    const events = await appointmentCalendarEvents(db, learner.id, { from: new Date(), locale: "fr" });
    expect(events.map((e) => e.uid)).toContain(`appointment-${appointmentId}@passerelle`);
    const mediatorEvents = await appointmentCalendarEvents(db, mediatorA.id, { from: new Date(), locale: "fr" });
    expect(mediatorEvents.map((e) => e.uid)).toContain(`appointment-${appointmentId}@passerelle`);
  });

  it("marking attended pre-fills one individual entry in the slot's mediator's log, and the record shows it", async () => {
    await markAttendance(db, colleagueA, appointmentId, "attended");
    expect(await statusOf(markAttendance(db, mediatorA, appointmentId, "attended"))).toBe(409);
    const entries = await db.selectFrom("mediation_activity").selectAll().where("appointment_id", "=", appointmentId).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ mediator_id: mediatorA.id, activity_type: "individuel", duration_minutes: 60, place_type: "lieu_activite", relay_space_id: placeA, themes: ["entrepreneuriat"], needs_review: true });
    const beneficiaries = await db.selectFrom("mediation_beneficiary").selectAll().where("activity_id", "=", entries[0]!.id).execute();
    expect(beneficiaries.map((b) => b.user_id)).toEqual([learner.id]);

    const own = await loadRecord(db, learner);
    expect(own.appointments.attended.map((a) => a.id)).toEqual([appointmentId]);
    const seenByMediator = await loadRecordOfLearner(db, mediatorA, learner.id);
    expect(seenByMediator.appointments.attended.map((a) => a.reason)).toEqual(["commerce"]);
  });

  it("a no-show is recorded and counted in the record, with no log entry", async () => {
    const [slot] = await publish(db, mediatorA, { placeId: placeA, date: parisDate(1), from: "19:00", to: "19:30" });
    const person = await createUser(db);
    const { appointment } = await bookSlot(db, person, { slotId: slot!.id, reason: "email" });
    await markAttendance(db, mediatorA, appointment.id, "no_show");
    expect((await loadRecord(db, person)).appointments.missed).toBe(1);
    expect(await db.selectFrom("mediation_activity").select("id").where("appointment_id", "=", appointment.id).execute()).toHaveLength(0);
  });

  it("marking opens only the day before", async () => {
    const [slot] = await publish(db, mediatorA, { placeId: placeA, date: parisDate(6), from: "10:00", to: "10:30" });
    const person = await createUser(db);
    const { appointment } = await bookSlot(db, person, { slotId: slot!.id, reason: "email" });
    expect(await statusOf(markAttendance(db, mediatorA, appointment.id, "attended"))).toBe(409);
  });
});

describe("demo data", () => {
  it("seeds the demo mediator's availability once, however often it runs", async () => {
    const { seedAppointments, DEMO_AVAILABILITY } = await import("../../app/features/appointments/seed.server");
    const { DEMO_RELAY_SPACES } = await import("../../db/seed");
    await createUser(db, { role: "mediator", email: "mediatrice@demo.passerelle.fr" });
    for (const space of DEMO_RELAY_SPACES) await db.insertInto("relay_space").values(space).onConflict((oc) => oc.column("slug").doNothing()).execute();
    expect(await seedAppointments(db)).toBe(3);
    const count = async () => (await db.selectFrom("appointment_slot").select("id").where("availability_id", "in", DEMO_AVAILABILITY.map((a) => a.id)).execute()).length;
    const first = await count();
    expect(await seedAppointments(db)).toBe(0);
    expect(await count()).toBe(first);
    expect(first).toBeGreaterThanOrEqual(8);
  });
});

describe("withdrawing a free slot", () => {
  it("takes it out of every list and refuses booking it; a booked slot, another place's or a second withdrawal is refused", async () => {
    const [free, booked] = await publish(db, mediatorA, { placeId: placeA, date: parisDate(3), from: "14:00", to: "15:00" });
    await bookSlot(db, otherLearner, { slotId: booked!.id, reason: "email" });
    expect(await statusOf(withdrawSlot(db, mediatorB, free!.id))).toBe(404);
    expect(await statusOf(withdrawSlot(db, mediatorA, booked!.id))).toBe(409);
    await withdrawSlot(db, mediatorA, free!.id);
    expect(await statusOf(withdrawSlot(db, mediatorA, free!.id))).toBe(404);
    expect((await getStaffDesk(db, mediatorA)).freeSlots.map((s) => s.id)).not.toContain(free!.id);
    const page = await getBookingPage(db, learner, { reason: "email", place: placeA });
    expect(JSON.stringify(page)).not.toContain(free!.id);
    expect(await statusOf(bookSlot(db, learner, { slotId: free!.id, reason: "email" }))).toBe(404);
  });
});
