import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { bookSlot, cancelAppointment, joinWaitlist } from "../../app/features/appointments/booking.server";
import { isAppError } from "../../app/lib/errors";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { learners, newSpace, parisDate, publish } from "./appointments-fixtures";

let db: Db;
let mediator: User;
let spaceId: string;
let people: User[];

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator" });
  spaceId = await newSpace(db);
  // 100 distinct people: the batch insert keeps the setup fast.
  people = await db
    .insertInto("app_user")
    .values(Array.from({ length: 100 }, (_, i) => ({ first_name: `Personne ${i}`, email: `rdv-${i}-${Date.now()}@test.passerelle.fr` })))
    .returningAll()
    .execute();
});

const live = (slotId: string) => db.selectFrom("appointment").selectAll().where("slot_id", "=", slotId).where("status", "<>", "cancelled").execute();

describe("no slot is ever given twice (acceptance 1)", () => {
  it("100 simultaneous bookings of one slot: exactly one holds it, 99 hear it is taken and are offered the waiting list", async () => {
    const [slot] = await publish(db, mediator, { placeId: spaceId, from: "14:00", to: "14:30", date: parisDate(3) });
    const began = performance.now();
    const outcomes = await Promise.allSettled(people.map((p) => bookSlot(db, p, { slotId: slot!.id, reason: "smartphone" })));
    const ms = Math.round(performance.now() - began);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    for (const { reason } of lost) {
      expect(isAppError(reason)).toBe(true);
      expect(reason.data).toMatchObject({ code: "slot_taken", messageKey: "appointments:errors.slot_taken", values: { reason: "smartphone", place: spaceId } });
      expect((reason.init as ResponseInit).status).toBe(409);
    }
    const rows = await live(slot!.id);
    expect(rows).toHaveLength(1);
    console.info(`100 simultaneous bookings of one slot: 1 held, 99 refused (409 slot_taken), ${ms} ms`);
    // What the refused page offers: the waiting list for that reason and place.
    const loser = people.find((p) => p.id !== rows[0]!.user_id)!;
    await joinWaitlist(db, loser, { reason: "smartphone", place: spaceId });
    await joinWaitlist(db, loser, { reason: "smartphone", place: spaceId });
    const waiting = await db.selectFrom("appointment_waitlist").selectAll().where("user_id", "=", loser.id).execute();
    expect(waiting).toHaveLength(1);
  }, 60_000);

  it("the same slots raced 20 times over by 100 people: never two live appointments on one slot", async () => {
    const slots = await publish(db, mediator, { placeId: spaceId, from: "08:00", to: "18:00", minutes: 30, reasons: ["email"], date: parisDate(4) });
    const some = slots.slice(0, 20);
    await Promise.allSettled(people.map((p, i) => bookSlot(db, p, { slotId: some[i % some.length]!.id, reason: "email" })));
    for (const s of some) expect(await live(s.id)).toHaveLength(1);
  }, 60_000);

  it("the database alone keeps one live appointment per slot: 100 inserts that skip the lock, one row", async () => {
    const [slot] = await publish(db, mediator, { placeId: spaceId, from: "15:00", to: "15:30", date: parisDate(10) });
    const outcomes = await Promise.allSettled(
      people.map((p) => db.insertInto("appointment").values({ slot_id: slot!.id, user_id: p.id, reason: "email", booked_by: p.id, contact_phone: null }).execute()),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await live(slot!.id)).toHaveLength(1);
  });

  it("a double click (10 identical submissions at once) stores one appointment, handed back to every submission", async () => {
    const [slot] = await publish(db, mediator, { placeId: spaceId, from: "16:00", to: "16:30", date: parisDate(5) });
    const person = await createUser(db);
    const results = await Promise.all(Array.from({ length: 10 }, () => bookSlot(db, person, { slotId: slot!.id, reason: "email" })));
    expect(new Set(results.map((r) => r.appointment.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await live(slot!.id)).toHaveLength(1);
    const mails = await db.selectFrom("outbox_message").selectAll().where("to_address", "=", person.email!).execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments?.[0]?.filename).toMatch(/\.ics$/);
  });

  it("refuses a reason the slot is not for, a slot in the past, and a slot that does not exist, with translated messages", async () => {
    const [slot] = await publish(db, mediator, { placeId: spaceId, from: "17:00", to: "17:30", reasons: ["email"], date: parisDate(6) });
    const person = await createUser(db);
    await expect(bookSlot(db, person, { slotId: slot!.id, reason: "commerce" })).rejects.toMatchObject({ data: { code: "reason_not_offered" } });
    await expect(bookSlot(db, person, { slotId: "00000000-0000-4000-8000-000000000000", reason: "email" })).rejects.toMatchObject({ data: { code: "not_found" } });
    await expect(bookSlot(db, person, { slotId: "nope", reason: "email" })).rejects.toMatchObject({ data: { code: "not_found" } });
    await expect(bookSlot(db, person, { slotId: slot!.id, reason: "autre" })).rejects.toMatchObject({ data: { code: "reason_required" } });
    expect(await live(slot!.id)).toHaveLength(0);
  });
});

describe("a cancelled slot goes to the first person waiting (acceptance 3)", () => {
  it("offers it by mail to the first waiting, by SMS to one without e-mail, and the first to take it gets it", async () => {
    const place = await newSpace(db, "Lieu attente");
    const [slot] = await publish(db, mediator, { placeId: place, from: "10:00", to: "10:30", reasons: ["demarche"], date: parisDate(7) });
    const [holder, first, second] = await learners(db, 3);
    await bookSlot(db, holder!, { slotId: slot!.id, reason: "demarche" });
    await joinWaitlist(db, first!, { reason: "demarche", place });
    await joinWaitlist(db, second!, { reason: "demarche", place });

    const { appointment } = await bookSlot(db, holder!, { slotId: slot!.id, reason: "demarche" });
    const result = await cancelAppointment(db, holder!, appointment.id);
    expect(result).toEqual({ cancelled: true, offeredTo: first!.id });
    const offer = await db.selectFrom("outbox_message").selectAll().where("to_address", "=", first!.email!).where("dedupe_key", "like", "appointment-offer:%").executeTakeFirstOrThrow();
    expect(offer.text_body).toContain(`/rendez-vous/prendre?motif=demarche&lieu=${place}&creneau=${slot!.id}`);
    expect(await db.selectFrom("outbox_message").select("id").where("to_address", "=", second!.email!).execute()).toHaveLength(0);

    // The second is quicker than the first: the slot is theirs, the first hears it is taken.
    await bookSlot(db, second!, { slotId: slot!.id, reason: "demarche" });
    await expect(bookSlot(db, first!, { slotId: slot!.id, reason: "demarche" })).rejects.toMatchObject({ data: { code: "slot_taken" } });
    // Booking closed the second's waiting-list entry; the first stays on the list.
    const open = await db.selectFrom("appointment_waitlist").select("user_id").where("relay_space_id", "=", place).where("closed_at", "is", null).execute();
    expect(open.map((r) => r.user_id)).toEqual([first!.id]);
  });

  it("without an e-mail address, the offer goes by SMS to the phone given on the waiting list", async () => {
    const place = await newSpace(db, "Lieu SMS");
    const [slot] = await publish(db, mediator, { placeId: place, from: "11:00", to: "11:30", reasons: ["smartphone"], date: parisDate(8) });
    const [holder] = await learners(db, 1);
    const [senior] = await learners(db, 1, { email: false });
    const { appointment } = await bookSlot(db, holder!, { slotId: slot!.id, reason: "smartphone" });
    await joinWaitlist(db, senior!, { reason: "smartphone", place, phone: "06 12 34 56 78" });
    await cancelAppointment(db, mediator, appointment.id);
    const sms = await db.selectFrom("sms_message").selectAll().where("user_id", "=", senior!.id).execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to_number: "06 12 34 56 78" });
    expect(sms[0]!.body).toContain(slot!.id);
  });

  it("rescheduling moves the appointment in one transaction and frees the old slot for the next person waiting", async () => {
    const place = await newSpace(db, "Lieu déplacer");
    const [a, b] = await publish(db, mediator, { placeId: place, from: "09:00", to: "10:00", reasons: ["email"], date: parisDate(9) });
    const [person, waiting] = await learners(db, 2);
    const { appointment } = await bookSlot(db, person!, { slotId: a!.id, reason: "email" });
    await joinWaitlist(db, waiting!, { reason: "email", place });
    const moved = await bookSlot(db, person!, { slotId: b!.id, reason: "email", replaces: appointment.id });
    const old = await db.selectFrom("appointment").selectAll().where("id", "=", appointment.id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: "cancelled", rescheduled_to: moved.appointment.id });
    expect(await live(a!.id)).toHaveLength(0);
    const offer = await db.selectFrom("appointment_waitlist").selectAll().where("user_id", "=", waiting!.id).executeTakeFirstOrThrow();
    expect(offer.offered_slot_id).toBe(a!.id);
  });
});
