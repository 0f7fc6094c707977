import type { User } from "../../../db/schema/accounts";
import type { AppointmentSlot } from "../../../db/schema/appointments";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { canHelpLearner } from "../mediation/learners.server";
import { appointmentNotFound, canManageSlot, requireManagedAppointment, requireVisibleAppointment, slotNotFound } from "./access.server";
import { notifyAppointment, notifySlotOffered } from "./notify.server";
import * as q from "./queries.server";
import { isReason } from "./reasons";

export interface BookingRequest {
  slotId: string;
  reason: string;
  phone?: string | null;
  /** A mediator booking on someone's behalf (a phone call, an assisted account). */
  forUserId?: string;
  /** The person's own appointment this one replaces (rescheduling): cancelled in the same transaction. */
  replaces?: string;
}

/** Who the booking is for, once the actor is allowed to book it. */
async function bookingFor(db: Db, actor: User, slotId: string, forUserId?: string) {
  if (!forUserId || forUserId === actor.id) {
    if (!can(actor, "book:appointment:own")) throw forbidden();
    return actor.id;
  }
  const slot = await q.findSlot(db, slotId);
  if (!slot) throw slotNotFound();
  if (!(await canManageSlot(db, actor, slot))) throw appError(403, "not_your_place", "appointments:errors.not_your_place");
  if (!isUuid(forUserId) || !(await canHelpLearner(db, actor, forUserId))) throw appError(403, "not_your_learner", "mediation:errors.not_your_learner");
  return forUserId;
}

/**
 * Books a slot. Every booking of a slot first takes the slot's row lock, so
 * requests for one slot run one after the other; the partial unique index on
 * a slot's live appointment is the last word should anything bypass the
 * lock. The person who already holds the slot gets it back (a double click
 * books once); anyone else hears that it is taken, with what they need to
 * join the waiting list for that reason and place.
 */
export async function bookSlot(db: Db, actor: User, request: BookingRequest) {
  if (!isUuid(request.slotId)) throw slotNotFound();
  if (!isReason(request.reason)) throw appError(400, "reason_required", "appointments:errors.reason_required");
  const userId = await bookingFor(db, actor, request.slotId, request.forUserId);
  return withRetryingTransaction(db, (trx) => holdSlot(trx, actor, userId, request));
}

/** Staff move an appointment of their place to another free slot they look after: the person hears of both. */
export async function moveAppointment(db: Db, actor: User, appointmentId: string, slotId: string) {
  const appointment = await requireManagedAppointment(db, actor, appointmentId);
  const slot = isUuid(slotId) ? await q.findSlot(db, slotId) : undefined;
  if (!slot) throw slotNotFound();
  if (!(await canManageSlot(db, actor, slot))) throw appError(403, "not_your_place", "appointments:errors.not_your_place");
  return withRetryingTransaction(db, (trx) =>
    holdSlot(trx, actor, appointment.user_id, { slotId, reason: appointment.reason, phone: appointment.contact_phone, replaces: appointment.id }),
  );
}

/** The booking itself, under the slot's lock; `userId` is already allowed to have it. */
async function holdSlot(trx: DbOrTrx, actor: User, userId: string, request: BookingRequest) {
  const slot = await q.lockSlot(trx, request.slotId);
  if (!slot || slot.withdrawn_at) throw slotNotFound();
  if (slot.starts_at <= new Date()) throw appError(409, "slot_past", "appointments:errors.slot_past");
  if (!slot.reasons.includes(request.reason)) throw appError(400, "reason_not_offered", "appointments:errors.reason_not_offered");
  const held = await q.findLiveAppointmentOfSlot(trx, slot.id);
  if (held) return takenOrMine(held, userId, slot, request.reason);
  const inserted = await q.insertAppointmentIfFree(trx, {
    slot_id: slot.id,
    user_id: userId,
    reason: request.reason,
    booked_by: actor.id,
    contact_phone: request.phone?.trim() || null,
  });
  if (!inserted) return takenOrMine((await q.findLiveAppointmentOfSlot(trx, slot.id))!, userId, slot, request.reason);
  if (request.replaces) await replaceAppointment(trx, actor, request.replaces, userId, inserted.id);
  await q.closeWaitlist(trx, { userId, reason: request.reason, spaceId: slot.relay_space_id });
  const full = (await q.findAppointment(trx, inserted.id))!;
  const channel = await notifyAppointment(trx, "booked", full);
  return { appointment: full, created: true, channel };
}

function takenOrMine(held: { id: string; user_id: string }, userId: string, slot: AppointmentSlot, reason: string) {
  if (held.user_id === userId) return { appointment: { id: held.id }, created: false, channel: null };
  throw appError(409, "slot_taken", "appointments:errors.slot_taken", { reason, place: slot.relay_space_id ?? "distance" });
}

/** Rescheduling: the old appointment goes (its slot offered to the next person waiting) once the new one holds. */
async function replaceAppointment(trx: DbOrTrx, actor: User, oldId: string, userId: string, newId: string) {
  const old = isUuid(oldId) ? await q.lockAppointment(trx, oldId) : undefined;
  if (!old || old.user_id !== userId) throw appointmentNotFound();
  if (old.status !== "booked") throw appError(409, "not_booked", "appointments:errors.not_booked");
  const cancelled = await q.setCancelled(trx, old.id, actor.id);
  await q.setRescheduledTo(trx, old.id, newId);
  // The old event leaves the person's calendar (a CANCELLED .ics with the same uid).
  if (cancelled) await notifyAppointment(trx, "cancelled", (await q.findAppointment(trx, old.id))!);
  const slot = await q.lockSlot(trx, old.slot_id);
  if (slot) await offerFreedSlot(trx, slot, userId);
}

/**
 * A slot freed ahead of time goes to the first person waiting for one of its
 * reasons at its place: they get a link to take it; whoever books first
 * holds it (the booking rule above), and the offer does not hold it for them.
 */
export async function offerFreedSlot(trx: DbOrTrx, slot: AppointmentSlot, excludeUserId: string) {
  if (slot.withdrawn_at || slot.starts_at <= new Date()) return null;
  const entry = await q.firstWaiting(trx, { reasons: slot.reasons, spaceId: slot.relay_space_id, slotId: slot.id, excludeUserId });
  if (!entry) return null;
  await q.markOffered(trx, entry.id, slot.id);
  await notifySlotOffered(trx, entry, slot);
  return entry;
}

/** Cancels an appointment, by the person (before it starts) or by staff of its place. */
export async function cancelAppointment(db: Db, actor: User, appointmentId: string) {
  const appointment = await requireVisibleAppointment(db, actor, appointmentId);
  const staff = await canManageSlot(db, actor, appointment);
  if (!staff && appointment.starts_at <= new Date()) throw appError(409, "too_late", "appointments:errors.too_late");
  return withRetryingTransaction(db, async (trx) => {
    const slot = (await q.lockSlot(trx, appointment.slot_id))!;
    const cancelled = await q.setCancelled(trx, appointment.id, actor.id);
    if (!cancelled) return { cancelled: false, offeredTo: null };
    await notifyAppointment(trx, "cancelled", { ...appointment, ...cancelled });
    const offeredTo = await offerFreedSlot(trx, slot, appointment.user_id);
    return { cancelled: true, offeredTo: offeredTo?.user_id ?? null };
  });
}

/** Joins the waiting list for a reason at a place (null: by phone or video); twice is once. */
export async function joinWaitlist(db: Db, actor: User, { reason, place, phone }: { reason: string; place: string; phone?: string | null }) {
  if (!can(actor, "book:appointment:own")) throw forbidden();
  if (!isReason(reason)) throw appError(400, "reason_required", "appointments:errors.reason_required");
  const spaceId = place === "distance" ? null : place;
  if (spaceId && !(isUuid(spaceId) && (await q.findPlace(db, spaceId)))) throw appError(400, "place_required", "appointments:errors.place_required");
  await q.insertWaitlist(db, { user_id: actor.id, reason, relay_space_id: spaceId, contact_phone: phone?.trim() || null });
}

export async function leaveWaitlist(db: Db, actor: User, id: string) {
  if (!can(actor, "book:appointment:own")) throw forbidden();
  if (!isUuid(id)) throw appointmentNotFound();
  await q.closeWaitlist(db, { userId: actor.id, id });
}
