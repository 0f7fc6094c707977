import { sql } from "kysely";
import type { AppointmentStatus, NewAppointmentAvailability } from "../../../db/schema/appointments";
import type { DbOrTrx } from "../../lib/db.server";

/* Availability and slots */

export function insertAvailability(db: DbOrTrx, values: NewAppointmentAvailability) {
  return db.insertInto("appointment_availability").values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertSlots(
  db: DbOrTrx,
  rows: { availability_id: string; mediator_id: string; relay_space_id: string | null; mode: string; reasons: string[]; starts_at: Date; ends_at: Date }[],
) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto("appointment_slot")
    .values(rows.map((r) => ({ ...r, mode: r.mode as "place" })))
    .onConflict((oc) => oc.columns(["mediator_id", "starts_at"]).where("withdrawn_at", "is", null).doNothing())
    .returning("id")
    .execute();
}

/** The places where a mediator publishes availability: the appointments there are theirs to look after. */
export async function mediatorPlaceIds(db: DbOrTrx, mediatorId: string) {
  const rows = await db
    .selectFrom("appointment_availability")
    .select("relay_space_id")
    .distinct()
    .where("mediator_id", "=", mediatorId)
    .where("relay_space_id", "is not", null)
    .execute();
  return rows.map((r) => r.relay_space_id!);
}

export function lockSlot(db: DbOrTrx, id: string) {
  return db.selectFrom("appointment_slot").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function setWithdrawn(db: DbOrTrx, id: string, at: Date) {
  return db.updateTable("appointment_slot").set({ withdrawn_at: at }).where("id", "=", id).where("withdrawn_at", "is", null).executeTakeFirst();
}

export function findSlot(db: DbOrTrx, id: string) {
  return db.selectFrom("appointment_slot").selectAll().where("id", "=", id).executeTakeFirst();
}

const slotIsFree = sql<boolean>`not exists (select 1 from appointment a where a.slot_id = appointment_slot.id and a.status <> 'cancelled')`;

/** Free slots ahead, soonest first, for a reason at a place (or by phone / video when `spaceId` is null). */
export function listFreeSlots(db: DbOrTrx, { reason, spaceId, after, limit }: { reason: string; spaceId: string | null; after: Date; limit: number }) {
  let query = db
    .selectFrom("appointment_slot")
    .leftJoin("relay_space", "relay_space.id", "appointment_slot.relay_space_id")
    .leftJoin("app_user", "app_user.id", "appointment_slot.mediator_id")
    .select(["appointment_slot.id", "appointment_slot.starts_at", "appointment_slot.ends_at", "appointment_slot.mode", "relay_space.name as space_name", "app_user.first_name as mediator_name"])
    .where("appointment_slot.withdrawn_at", "is", null)
    .where("appointment_slot.starts_at", ">", after)
    .where(sql<boolean>`${reason} = any(appointment_slot.reasons)`)
    .where(slotIsFree);
  query = spaceId ? query.where("appointment_slot.relay_space_id", "=", spaceId) : query.where("appointment_slot.mode", "<>", "place");
  return query.orderBy("appointment_slot.starts_at").limit(limit).execute();
}

/** Free slots ahead at the given places or published by the mediator, for booking on someone's behalf. */
export function listStaffFreeSlots(db: DbOrTrx, { mediatorId, placeIds, after, limit }: { mediatorId: string | null; placeIds: string[]; after: Date; limit: number }) {
  let query = db
    .selectFrom("appointment_slot")
    .leftJoin("relay_space", "relay_space.id", "appointment_slot.relay_space_id")
    .select(["appointment_slot.id", "appointment_slot.starts_at", "appointment_slot.mode", "appointment_slot.reasons", "relay_space.name as space_name"])
    .where("appointment_slot.withdrawn_at", "is", null)
    .where("appointment_slot.starts_at", ">", after)
    .where(slotIsFree);
  if (mediatorId) {
    query = query.where((eb) =>
      eb.or([eb("appointment_slot.mediator_id", "=", mediatorId), ...(placeIds.length ? [eb("appointment_slot.relay_space_id", "in", placeIds)] : [])]),
    );
  }
  return query.orderBy("appointment_slot.starts_at").limit(limit).execute();
}

/* Appointments */

export function findLiveAppointmentOfSlot(db: DbOrTrx, slotId: string) {
  return db.selectFrom("appointment").selectAll().where("slot_id", "=", slotId).where("status", "<>", "cancelled").executeTakeFirst();
}

/** The unique index on a slot's live appointment decides: nothing is inserted when the slot is held. */
export function insertAppointmentIfFree(
  db: DbOrTrx,
  values: { slot_id: string; user_id: string; reason: string; booked_by: string; contact_phone: string | null },
) {
  return db
    .insertInto("appointment")
    .values(values)
    .onConflict((oc) => oc.column("slot_id").where("status", "<>", "cancelled").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function appointmentWithSlot(db: DbOrTrx) {
  return db
    .selectFrom("appointment")
    .innerJoin("appointment_slot", "appointment_slot.id", "appointment.slot_id")
    .leftJoin("relay_space", "relay_space.id", "appointment_slot.relay_space_id")
    .innerJoin("app_user as person", "person.id", "appointment.user_id")
    .leftJoin("app_user as mediator", "mediator.id", "appointment_slot.mediator_id")
    .selectAll("appointment")
    .select([
      "appointment_slot.starts_at",
      "appointment_slot.ends_at",
      "appointment_slot.mode",
      "appointment_slot.mediator_id",
      "appointment_slot.relay_space_id",
      "relay_space.name as space_name",
      "relay_space.address as space_address",
      "relay_space.postal_code as space_postal_code",
      "relay_space.commune as space_commune",
      "person.first_name as person_first_name",
      "person.last_name as person_last_name",
      "mediator.first_name as mediator_name",
    ]);
}

export type AppointmentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof appointmentWithSlot>["executeTakeFirst"]>>>;

export function findAppointment(db: DbOrTrx, id: string) {
  return appointmentWithSlot(db).where("appointment.id", "=", id).executeTakeFirst();
}

export function lockAppointment(db: DbOrTrx, id: string) {
  return db.selectFrom("appointment").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function listUserAppointments(db: DbOrTrx, userId: string) {
  return appointmentWithSlot(db).where("appointment.user_id", "=", userId).where("appointment.status", "<>", "cancelled").orderBy("appointment_slot.starts_at", "desc").execute();
}

/** Appointments at the given places or on the mediator's own slots (all of them when `mediatorId` is null). */
export function listStaffAppointments(db: DbOrTrx, { mediatorId, placeIds, after }: { mediatorId: string | null; placeIds: string[]; after: Date }) {
  let query = appointmentWithSlot(db).where("appointment.status", "<>", "cancelled").where("appointment_slot.ends_at", ">", after);
  if (mediatorId) {
    query = query.where((eb) =>
      eb.or([eb("appointment_slot.mediator_id", "=", mediatorId), ...(placeIds.length ? [eb("appointment_slot.relay_space_id", "in", placeIds)] : [])]),
    );
  }
  return query.orderBy("appointment_slot.starts_at").limit(200).execute();
}

export function setCancelled(db: DbOrTrx, id: string, by: string) {
  return db
    .updateTable("appointment")
    .set({ status: "cancelled", cancelled_at: sql`now()`, cancelled_by: by, sequence: sql`sequence + 1` })
    .where("id", "=", id)
    .where("status", "=", "booked")
    .returningAll()
    .executeTakeFirst();
}

export function setRescheduledTo(db: DbOrTrx, id: string, to: string) {
  return db.updateTable("appointment").set({ rescheduled_to: to }).where("id", "=", id).execute();
}

export function setMarked(db: DbOrTrx, id: string, status: Extract<AppointmentStatus, "attended" | "no_show">, by: string) {
  return db
    .updateTable("appointment")
    .set({ status, marked_at: sql`now()`, marked_by: by })
    .where("id", "=", id)
    .where("status", "=", "booked")
    .returningAll()
    .executeTakeFirst();
}

/** Booked appointments whose slot starts in [from, to): the reminders to send. */
export function appointmentsStartingBetween(db: DbOrTrx, from: Date, to: Date) {
  return appointmentWithSlot(db)
    .where("appointment.status", "=", "booked")
    .where("appointment_slot.starts_at", ">=", from)
    .where("appointment_slot.starts_at", "<", to)
    .where("person.disabled_at", "is", null)
    .execute();
}

/** A person's appointments and the ones on a mediator's own slots, for the calendar feed. */
export function calendarAppointments(db: DbOrTrx, userId: string, from: Date) {
  return appointmentWithSlot(db)
    .where("appointment_slot.ends_at", ">=", from)
    .where((eb) => eb.or([eb("appointment.user_id", "=", userId), eb("appointment_slot.mediator_id", "=", userId)]))
    .where((eb) => eb.or([eb("appointment.status", "<>", "cancelled"), eb("appointment.rescheduled_to", "is", null)]))
    .orderBy("appointment_slot.starts_at")
    .execute();
}

/* Waiting list */

export function insertWaitlist(db: DbOrTrx, values: { user_id: string; reason: string; relay_space_id: string | null; contact_phone: string | null }) {
  return db
    .insertInto("appointment_waitlist")
    .values(values)
    .onConflict((oc) => oc.columns(["user_id", "reason", "relay_space_id"]).where("closed_at", "is", null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The first person waiting, for one of the slot's reasons at its place, not already offered this slot. */
export function firstWaiting(db: DbOrTrx, { reasons, spaceId, slotId, excludeUserId }: { reasons: string[]; spaceId: string | null; slotId: string; excludeUserId: string }) {
  let query = db
    .selectFrom("appointment_waitlist")
    .selectAll()
    .where("closed_at", "is", null)
    .where("reason", "in", reasons)
    .where("user_id", "<>", excludeUserId)
    .where((eb) => eb.or([eb("offered_slot_id", "is", null), eb("offered_slot_id", "<>", slotId)]));
  query = spaceId ? query.where("relay_space_id", "=", spaceId) : query.where("relay_space_id", "is", null);
  return query.orderBy("created_at").orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
}

export function markOffered(db: DbOrTrx, id: string, slotId: string) {
  return db.updateTable("appointment_waitlist").set({ offered_slot_id: slotId, offered_at: sql`now()` }).where("id", "=", id).execute();
}

export function closeWaitlist(db: DbOrTrx, { userId, reason, spaceId, id }: { userId: string; reason?: string; spaceId?: string | null; id?: string }) {
  let query = db.updateTable("appointment_waitlist").set({ closed_at: sql`now()` }).where("user_id", "=", userId).where("closed_at", "is", null);
  if (id) query = query.where("id", "=", id);
  if (reason) query = query.where("reason", "=", reason);
  if (spaceId !== undefined) query = spaceId ? query.where("relay_space_id", "=", spaceId) : query.where("relay_space_id", "is", null);
  return query.executeTakeFirst();
}

export function listUserWaitlist(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("appointment_waitlist")
    .leftJoin("relay_space", "relay_space.id", "appointment_waitlist.relay_space_id")
    .select(["appointment_waitlist.id", "appointment_waitlist.reason", "appointment_waitlist.created_at", "relay_space.name as space_name"])
    .where("appointment_waitlist.user_id", "=", userId)
    .where("appointment_waitlist.closed_at", "is", null)
    .orderBy("appointment_waitlist.created_at")
    .execute();
}

/* Reference data */

export function listPlaces(db: DbOrTrx) {
  return db.selectFrom("relay_space").select(["id", "name", "commune", "opening_hours"]).where("archived_at", "is", null).orderBy("commune").orderBy("name").execute();
}

export function findPlace(db: DbOrTrx, id: string) {
  return db.selectFrom("relay_space").select(["id", "name", "opening_hours"]).where("id", "=", id).where("archived_at", "is", null).executeTakeFirst();
}

export function findContact(db: DbOrTrx, userId: string) {
  return db.selectFrom("app_user").select(["id", "email", "first_name", "locale"]).where("id", "=", userId).executeTakeFirst();
}

/* Personal data */

export function appointmentsForExport(db: DbOrTrx, userId: string) {
  return appointmentWithSlot(db)
    .where("appointment.user_id", "=", userId)
    .orderBy("appointment.created_at")
    .execute();
}

export function waitlistForExport(db: DbOrTrx, userId: string) {
  return db.selectFrom("appointment_waitlist").select(["reason", "relay_space_id", "created_at", "offered_at", "closed_at"]).where("user_id", "=", userId).execute();
}
