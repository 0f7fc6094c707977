import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { latestBusinessDiagnosticOf } from "../business-diagnostic/service.server";
import { requireVisibleAppointment } from "./access.server";
import { appointmentIcsFile } from "./calendar.server";
import * as q from "./queries.server";
import { isReason, REASON_CODES, REASONS } from "./reasons";

const SLOTS_SHOWN = 30;

/**
 * The booking page: the reasons, the places, and — once a reason and a place
 * (or « by phone or video ») are chosen — the free slots ahead. `slot` is a
 * slot offered by a waiting-list message, shown first. `replaces` is the
 * person's appointment being moved.
 */
export async function getBookingPage(db: Db, actor: User, choice: { reason?: string | null; place?: string | null; replaces?: string | null }, now = new Date()) {
  if (!can(actor, "book:appointment:own")) throw forbidden();
  const reason = choice.reason && isReason(choice.reason) ? choice.reason : null;
  const place = choice.place === "distance" || (choice.place && isUuid(choice.place)) ? choice.place : null;
  const [places, slots, replacing, business] = await Promise.all([
    q.listPlaces(db),
    reason && place ? q.listFreeSlots(db, { reason, spaceId: place === "distance" ? null : place, after: now, limit: SLOTS_SHOWN }) : Promise.resolve([]),
    choice.replaces ? requireVisibleAppointment(db, actor, choice.replaces) : Promise.resolve(null),
    reason && REASONS[reason].business ? latestBusinessDiagnosticOf(db, actor.id) : Promise.resolve(null),
  ]);
  return {
    reasons: REASON_CODES.map((code) => ({ code, minutes: REASONS[code].minutes })),
    places: places.map((p) => ({ id: p.id, name: p.name, commune: p.commune })),
    reason,
    place,
    slots,
    replacing: replacing && replacing.user_id === actor.id && replacing.status === "booked" ? { id: replacing.id, startsAt: replacing.starts_at, reason: replacing.reason } : null,
    hasEmail: !!actor.email,
    businessDiagnostic: business,
  };
}

/** The person's own appointments (to come and past) and the waiting lists they are on. */
export async function getMyAppointments(db: Db, actor: User, now = new Date()) {
  if (!can(actor, "book:appointment:own")) throw forbidden();
  const [appointments, waitlist] = await Promise.all([q.listUserAppointments(db, actor.id), q.listUserWaitlist(db, actor.id)]);
  const view = appointments.map((a) => ({
    id: a.id,
    reason: a.reason,
    status: a.status,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    mode: a.mode,
    place: a.space_name,
    mediator: a.mediator_name,
    canChange: a.status === "booked" && a.starts_at > now,
  }));
  return {
    upcoming: view.filter((a) => a.status === "booked" && a.endsAt > now).reverse(),
    past: view.filter((a) => !(a.status === "booked" && a.endsAt > now)),
    waitlist,
  };
}

/** One appointment's .ics, for the person or the staff who look after it. */
export async function getAppointmentIcs(db: Db, actor: User, id: string) {
  const appointment = await requireVisibleAppointment(db, actor, id);
  return appointmentIcsFile(appointment, actor.locale);
}
