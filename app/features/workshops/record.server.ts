import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import * as q from "./queries.server";

/**
 * The workshops a person attended, with their themes (national `thematique`
 * codes) and level: what learner paths and reports read from the workshop
 * side of the learner record.
 */
export async function listWorkshopAttendance(db: DbOrTrx, userId: string) {
  const rows = await q.listAttendance(db, userId);
  return rows.map((r) => ({
    workshopId: r.workshop_id,
    title: r.title,
    themes: r.themes,
    level: r.level,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.is_remote ? null : r.space_name,
    checkedInAt: r.checked_in_at,
  }));
}

/** The workshop part of the learner's own record page: upcoming bookings and attended workshops. */
export async function getWorkshopRecord(db: Db, user: User, now = new Date()) {
  const [upcoming, attended] = await Promise.all([listUpcomingWorkshops(db, user, now), listWorkshopAttendance(db, user.id)]);
  return { upcoming, attended };
}

/** The workshops a person holds a seat in or waits for, with their place in the queue: the home page's part. */
export async function listUpcomingWorkshops(db: Db, user: User, now = new Date()) {
  const bookings = await q.listUserBookings(db, user.id, now);
  const positions = await Promise.all(
    bookings.map((b) =>
      b.booking_status === "waitlisted"
        ? q.waitlistPosition(db, { workshop_id: b.id, created_at: b.booked_at, id: b.booking_id })
        : Promise.resolve(null),
    ),
  );
  return bookings.map((b, i) => ({
    bookingId: b.booking_id,
    status: b.booking_status,
    position: positions[i],
    workshopId: b.id,
    title: b.title,
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    cancelled: !!b.cancelled_at,
    place: b.is_remote ? null : b.space_name,
  }));
}
