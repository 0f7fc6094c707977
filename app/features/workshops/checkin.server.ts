import type { User } from "../../../db/schema/accounts";
import type { Workshop } from "../../../db/schema/workshops";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { syncWorkshopActivity } from "../mediation/activity.server";
import { canHelpLearner, learnerChoices } from "../mediation/learners.server";
import { requireManagedWorkshop, workshopNotFound } from "./access.server";
import * as q from "./queries.server";

/** The list can be ticked from the day before (a tablet prepared in advance) and any time after. */
export const CHECK_IN_OPENS_BEFORE_MS = 24 * 60 * 60 * 1000;

export function checkInOpen(workshop: Pick<Workshop, "starts_at" | "cancelled_at">, now = new Date()) {
  return !workshop.cancelled_at && now.getTime() >= workshop.starts_at.getTime() - CHECK_IN_OPENS_BEFORE_MS;
}

function requireOpenCheckIn(workshop: Workshop) {
  if (workshop.cancelled_at) throw appError(409, "workshop_cancelled", "workshops:errors.workshop_cancelled");
  if (!checkInOpen(workshop)) throw appError(409, "check_in_not_open", "workshops:errors.check_in_not_open");
}

/** The activity-log entry goes to the mediator who ticks, or to the workshop's creator when a coordinator does. */
async function logOwner(db: DbOrTrx, actor: User, workshop: Workshop) {
  if (await q.isWorkshopMediator(db, workshop.id, actor.id)) return actor.id;
  return workshop.created_by ?? actor.id;
}

export async function getCheckInList(db: Db, actor: User, workshopId: string, personSearch?: string) {
  await requireManagedWorkshop(db, actor, workshopId);
  const [workshop, bookings, learners] = await Promise.all([
    q.findWorkshopSummary(db, workshopId),
    q.listWorkshopBookings(db, workshopId),
    learnerChoices(db, actor, personSearch),
  ]);
  const booked = new Set(bookings.map((b) => b.user_id));
  const confirmed = bookings.filter((b) => b.status === "confirmed").length;
  return {
    workshop: workshop!,
    participants: bookings.map((b) => ({
      userId: b.user_id,
      name: [b.first_name, b.last_name].filter(Boolean).join(" "),
      status: b.status,
      overCapacity: b.over_capacity,
      present: !!b.checked_in_at,
    })),
    candidates: learners.people.filter((l) => !booked.has(l.id)),
    moreCandidates: learners.more,
    /** Confirmed seats, which may exceed `seats` once a mediator seated someone beyond them. */
    seatsTaken: confirmed,
    seatsLeft: Math.max(0, workshop!.seats - confirmed),
    open: checkInOpen(workshop!),
  };
}

/**
 * The room is full: a person who is there is still checked in, but only once
 * the mediator has confirmed it (decision 039). Until then, a 409 whose
 * values let the page ask the question.
 */
async function requireSeatOrConfirmation(trx: DbOrTrx, workshop: Workshop, userId: string, overCapacity: boolean) {
  const taken = await q.countConfirmed(trx, workshop.id);
  if (taken < workshop.seats) return false;
  if (!overCapacity) {
    throw appError(409, "over_capacity", "workshops:check_in.over_capacity_question", { userId, taken: taken + 1, seats: workshop.seats });
  }
  return true;
}

/**
 * Ticks (or unticks) a booked person. Attendance feeds the learner record;
 * the mediator's collective log entry for the workshop follows in the same
 * transaction. A waitlisted person who comes takes a free seat, or one beyond
 * the capacity once the mediator confirms it; unticking such a seat puts the
 * person back on the waitlist.
 */
export async function setPresence(db: Db, actor: User, workshopId: string, userId: string, present: boolean, { overCapacity = false } = {}) {
  await requireManagedWorkshop(db, actor, workshopId);
  if (!isUuid(userId)) throw appError(400, "person_required", "workshops:errors.person_required");
  return withRetryingTransaction(db, async (trx) => {
    const workshop = await q.lockWorkshop(trx, workshopId);
    if (!workshop) throw workshopNotFound();
    requireOpenCheckIn(workshop);
    const booking = await q.findActiveBooking(trx, workshopId, userId);
    if (!booking) throw appError(409, "not_booked", "workshops:errors.not_booked");
    if (present) {
      if (booking.status === "waitlisted") {
        const beyond = await requireSeatOrConfirmation(trx, workshop, userId, overCapacity);
        await q.promote(trx, [booking.id], { overCapacity: beyond });
      }
      await q.insertAttendance(trx, { workshopId, userId, by: actor.id });
    } else {
      await q.deleteAttendance(trx, workshopId, userId);
      if (booking.over_capacity) await q.demoteOverCapacity(trx, booking.id);
    }
    await syncWorkshopActivity(trx, { workshop, mediatorId: await logOwner(trx, actor, workshop), learnerId: userId, present });
  });
}

/** Someone who came without booking: a seat if one is free (else one beyond the capacity, confirmed), and present at once. */
export async function addWalkIn(db: Db, actor: User, workshopId: string, userId: string, { overCapacity = false } = {}) {
  await requireManagedWorkshop(db, actor, workshopId);
  if (!isUuid(userId) || !(await canHelpLearner(db, actor, userId))) {
    throw appError(403, "not_your_learner", "mediation:errors.not_your_learner");
  }
  return withRetryingTransaction(db, async (trx) => {
    const workshop = await q.lockWorkshop(trx, workshopId);
    if (!workshop) throw workshopNotFound();
    requireOpenCheckIn(workshop);
    const existing = await q.findActiveBooking(trx, workshopId, userId);
    const hasSeat = existing?.status === "confirmed";
    if (!hasSeat) {
      const beyond = await requireSeatOrConfirmation(trx, workshop, userId, overCapacity);
      if (existing) await q.promote(trx, [existing.id], { overCapacity: beyond });
      else await q.insertBookingIfAbsent(trx, { workshopId, userId, status: "confirmed", bookedBy: actor.id, overCapacity: beyond });
    }
    await q.insertAttendance(trx, { workshopId, userId, by: actor.id, walkIn: !existing });
    await syncWorkshopActivity(trx, { workshop, mediatorId: await logOwner(trx, actor, workshop), learnerId: userId, present: true });
  });
}

/** The printable sheet: booked people, then blank lines for the free seats. */
export async function getSignInSheet(db: Db, actor: User, workshopId: string) {
  await requireManagedWorkshop(db, actor, workshopId);
  const [workshop, bookings, mediators] = await Promise.all([
    q.findWorkshopSummary(db, workshopId),
    q.listWorkshopBookings(db, workshopId),
    q.listMediators(db, workshopId),
  ]);
  const confirmed = bookings.filter((b) => b.status === "confirmed");
  return {
    workshop: workshop!,
    mediators: mediators.map((m) => [m.first_name, m.last_name].filter(Boolean).join(" ")),
    people: confirmed.map((b) => [b.first_name, b.last_name].filter(Boolean).join(" ")),
    blankLines: Math.max(0, workshop!.seats - confirmed.length),
  };
}
