import type { User } from "../../../db/schema/accounts";
import type { Workshop } from "../../../db/schema/workshops";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { canHelpLearner, learnerChoices } from "../mediation/learners.server";
import { canManageWorkshop, requireManagedWorkshop, workshopNotFound } from "./access.server";
import { notifyBooked, notifyPromoted } from "./mails.server";
import * as q from "./queries.server";

/**
 * Booking rules, enforced in the database so that no concurrency can
 * overbook: every change to a workshop's seats first takes the workshop's row
 * lock (SELECT … FOR UPDATE), then counts confirmed seats; a partial unique
 * index keeps one live booking per person; deadlocks and serialization
 * failures are retried. See docs/decisions/ (workshop booking).
 */
export async function bookSeat(db: Db, actor: User, workshopId: string, { forUserId }: { forUserId?: string } = {}) {
  if (!isUuid(workshopId)) throw workshopNotFound();
  const userId = forUserId ?? actor.id;
  if (userId !== actor.id) {
    await requireManagedWorkshop(db, actor, workshopId);
    if (!isUuid(userId) || !(await canHelpLearner(db, actor, userId))) {
      throw appError(403, "not_your_learner", "mediation:errors.not_your_learner");
    }
  }
  return withRetryingTransaction(db, async (trx) => {
    const workshop = await q.lockWorkshop(trx, workshopId);
    if (!workshop) throw workshopNotFound();
    if (workshop.cancelled_at) throw appError(409, "workshop_cancelled", "workshops:errors.workshop_cancelled");
    if (workshop.starts_at <= new Date()) throw appError(409, "booking_closed", "workshops:errors.booking_closed");
    // A double click: the second request waits for the lock, then finds the first booking.
    const existing = await q.findActiveBooking(trx, workshopId, userId);
    if (existing) return { booking: existing, created: false };
    const confirmed = await q.countConfirmed(trx, workshopId);
    const status = confirmed < workshop.seats ? "confirmed" : "waitlisted";
    const inserted = await q.insertBookingIfAbsent(trx, { workshopId, userId, status, bookedBy: actor.id });
    if (inserted) {
      // Queued in the booking's transaction: a booking rolled back mails nothing.
      if (inserted.status === "confirmed") await notifyBooked(trx, workshop, inserted);
      return { booking: inserted, created: true };
    }
    // Only reachable if the lock were bypassed: the unique index still holds.
    return { booking: (await q.findActiveBooking(trx, workshopId, userId))!, created: false };
  });
}

/**
 * Moves the first waitlisted people (FIFO) into free seats and queues their
 * notification. Runs inside the caller's transaction, under the workshop lock.
 */
export async function fillFromWaitlist(trx: DbOrTrx, workshop: Workshop) {
  const free = workshop.seats - (await q.countConfirmed(trx, workshop.id));
  if (free <= 0) return [];
  const next = await q.nextWaitlisted(trx, workshop.id, free);
  if (next.length === 0) return [];
  const promoted = await q.promote(
    trx,
    next.map((b) => b.id),
  );
  for (const booking of promoted) await notifyPromoted(trx, workshop, booking);
  return promoted;
}

/** Cancels a seat or a waitlist place; a freed seat goes to the first person waiting. */
export async function cancelBooking(db: Db, actor: User, bookingId: string) {
  const booking = isUuid(bookingId) ? await q.findBooking(db, bookingId) : undefined;
  if (!booking) throw appError(404, "not_found", "workshops:errors.booking_invalid");
  const own = booking.user_id === actor.id;
  if (!own && !(await canManageWorkshop(db, actor, booking.workshop_id))) {
    throw appError(403, "not_your_booking", "workshops:errors.not_your_booking");
  }
  return withRetryingTransaction(db, async (trx) => {
    const workshop = await q.lockWorkshop(trx, booking.workshop_id);
    if (!workshop) throw workshopNotFound();
    if (own && !(await canManageWorkshop(trx, actor, workshop.id)) && workshop.starts_at <= new Date()) {
      throw appError(409, "booking_closed", "workshops:errors.cancel_closed");
    }
    const cancelled = await q.setBookingCancelled(trx, booking.id, actor.id);
    if (!cancelled) return { cancelled: false, promoted: [] };
    const promoted = booking.status === "confirmed" && !workshop.cancelled_at ? await fillFromWaitlist(trx, workshop) : [];
    return { cancelled: true, promoted };
  });
}

/** The booking list of a workshop, for the people who lead it. */
export async function getBookingList(db: Db, actor: User, workshopId: string, personSearch?: string) {
  await requireManagedWorkshop(db, actor, workshopId);
  const [workshop, bookings, learners] = await Promise.all([
    q.findWorkshopSummary(db, workshopId),
    q.listWorkshopBookings(db, workshopId),
    learnerChoices(db, actor, personSearch),
  ]);
  const booked = new Set(bookings.map((b) => b.user_id));
  return {
    workshop: workshop!,
    bookings,
    candidates: learners.people.filter((l) => !booked.has(l.id)),
    moreCandidates: learners.more,
  };
}
