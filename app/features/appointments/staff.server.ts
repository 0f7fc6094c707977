import { DateTime } from "luxon";
import type { User } from "../../../db/schema/accounts";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError, FieldError, forbidden } from "../../lib/errors";
import { TIME_ZONE } from "../../lib/i18n";
import { can } from "../../lib/permissions";
import { parisWallClock } from "../../lib/paris-time";
import { latestBusinessDiagnosticOf } from "../business-diagnostic/service.server";
import { recordAppointmentActivity } from "../mediation/activity.server";
import { learnerChoices } from "../mediation/learners.server";
import { openingHoursCover } from "../places/opening-hours";
import { canManageSlot, requireManagedAppointment, slotNotFound, staffScope } from "./access.server";
import * as q from "./queries.server";
import { REASONS, type ReasonCode } from "./reasons";
import type { AvailabilityInput } from "./schemas";

/** Marking present or absent opens on the Paris day before (a desk prepared in advance), like workshop check-in. */
export function markingOpensAt(startsAt: Date) {
  return DateTime.fromJSDate(startsAt).setZone(TIME_ZONE).startOf("day").minus({ days: 1 }).toJSDate();
}

/** The desk keeps a week of past appointments, to record who came after the fact. */
const DESK_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Publishes a window of availability, cut into slots of `slotMinutes`. The
 * times are Paris wall-clock times; a time the clocks skip is refused. A
 * window outside the place's opening hours is published all the same (a
 * mediator may open specially) and the page says so.
 */
export async function publishAvailability(db: Db, actor: User, input: AvailabilityInput, now = new Date()) {
  if (!can(actor, "manage:appointment:own")) throw forbidden();
  const start = parisWallClock(input.date, input.from);
  const end = parisWallClock(input.date, input.to);
  if (!start.ok) throw new FieldError("from", start.reason === "dst_gap" ? "appointments:errors.dst_gap" : "appointments:errors.time_invalid");
  if (!end.ok) throw new FieldError("to", end.reason === "dst_gap" ? "appointments:errors.dst_gap" : "appointments:errors.time_invalid");
  if (end.instant <= start.instant) throw new FieldError("to", "appointments:errors.end_before_start");
  if (start.instant <= now) throw new FieldError("date", "appointments:errors.in_the_past");
  const place = input.mode === "place" ? await q.findPlace(db, input.placeId ?? "") : null;
  if (input.mode === "place" && !place) throw new FieldError("placeId", "appointments:errors.place_required");
  const slotMs = input.slotMinutes * 60_000;
  const slots: { starts_at: Date; ends_at: Date }[] = [];
  for (let t = start.instant.getTime(); t + slotMs <= end.instant.getTime(); t += slotMs) slots.push({ starts_at: new Date(t), ends_at: new Date(t + slotMs) });
  if (slots.length === 0) throw new FieldError("to", "appointments:errors.window_too_short");
  const hours = place ? openingHoursCover(place.opening_hours, start.instant, end.instant) : "unknown";
  const created = await withRetryingTransaction(db, async (trx) => {
    const availability = await q.insertAvailability(trx, {
      mediator_id: actor.id,
      relay_space_id: place?.id ?? null,
      mode: input.mode,
      reasons: input.reasons,
      starts_at: start.instant,
      ends_at: end.instant,
      slot_minutes: input.slotMinutes,
    });
    return q.insertSlots(
      trx,
      slots.map((s) => ({ ...s, availability_id: availability.id, mediator_id: actor.id, relay_space_id: place?.id ?? null, mode: input.mode, reasons: input.reasons })),
    );
  });
  return { slots: created.length, outsideHours: hours === "outside" };
}

/**
 * Takes back a free slot (a mediator off sick, a room no longer available):
 * nobody can book it any more. A booked slot is refused — cancel or move the
 * appointment first, so that the person is told.
 */
export async function withdrawSlot(db: Db, actor: User, slotId: string, now = new Date()) {
  await withRetryingTransaction(db, async (trx) => {
    const slot = await q.lockSlot(trx, slotId);
    if (!slot || slot.withdrawn_at || !(await canManageSlot(trx, actor, slot))) throw slotNotFound();
    if (await q.findLiveAppointmentOfSlot(trx, slotId)) throw appError(409, "slot_booked", "appointments:errors.slot_booked_withdraw");
    await q.setWithdrawn(trx, slotId, now);
  });
}

/** The mediator's desk: appointments to come at their places, free slots to book for someone, the people they help. */
export async function getStaffDesk(db: Db, actor: User, personSearch?: string, now = new Date()) {
  const scope = await staffScope(db, actor);
  const since = new Date(now.getTime() - DESK_LOOKBACK_MS);
  const [appointments, freeSlots, places, learners] = await Promise.all([
    q.listStaffAppointments(db, { ...scope, after: since }),
    q.listStaffFreeSlots(db, { ...scope, after: now, limit: 100 }),
    q.listPlaces(db),
    learnerChoices(db, actor, personSearch),
  ]);
  const business = await Promise.all(
    appointments.map((a) => (REASONS[a.reason as ReasonCode]?.business ? latestBusinessDiagnosticOf(db, a.user_id) : Promise.resolve(null))),
  );
  return {
    appointments: appointments.map((a, i) => ({
      id: a.id,
      userId: a.user_id,
      person: [a.person_first_name, a.person_last_name].filter(Boolean).join(" "),
      reason: a.reason,
      status: a.status,
      startsAt: a.starts_at,
      mode: a.mode,
      place: a.space_name,
      mediator: a.mediator_name,
      canMark: a.status === "booked" && now >= markingOpensAt(a.starts_at),
      businessDiagnostic: business[i] ? { takenAt: business[i]!.takenAt, overall: business[i]!.overall } : null,
    })),
    freeSlots,
    places: places.map((p) => ({ id: p.id, name: p.name, commune: p.commune })),
    learners,
  };
}

/**
 * Records that the person came (or did not). Attended pre-fills an
 * individual entry in the activity log of the mediator whose slot it was, in
 * the same transaction; a no-show is kept for the statistics and the record.
 */
export async function markAttendance(db: Db, actor: User, appointmentId: string, outcome: "attended" | "no_show", now = new Date()) {
  const a = await requireManagedAppointment(db, actor, appointmentId);
  if (now < markingOpensAt(a.starts_at)) throw appError(409, "too_early", "appointments:errors.too_early");
  return withRetryingTransaction(db, async (trx) => {
    const marked = await q.setMarked(trx, a.id, outcome, actor.id);
    if (!marked) throw appError(409, "not_booked", "appointments:errors.not_booked");
    if (outcome === "attended") {
      const reason = REASONS[a.reason as ReasonCode];
      await recordAppointmentActivity(trx, {
        appointmentId: a.id,
        mediatorId: a.mediator_id ?? actor.id,
        learnerId: a.user_id,
        startsAt: a.starts_at,
        minutes: reason?.minutes ?? Math.round((a.ends_at.getTime() - a.starts_at.getTime()) / 60_000),
        remote: a.mode !== "place",
        relaySpaceId: a.relay_space_id,
        themes: [...(reason?.themes ?? [])],
      });
    }
    return marked;
  });
}
