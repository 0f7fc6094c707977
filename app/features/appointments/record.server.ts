import type { DbOrTrx } from "../../lib/db.server";
import * as q from "./queries.server";

/**
 * The appointments part of the learner record: to come, attended and
 * missed. What `loadRecord` (app/features/record) reads; nothing is copied.
 */
export async function getAppointmentRecord(db: DbOrTrx, userId: string, now = new Date()) {
  const rows = await q.listUserAppointments(db, userId);
  const view = rows.map((a) => ({ id: a.id, reason: a.reason, status: a.status, startsAt: a.starts_at, place: a.space_name, mode: a.mode }));
  return {
    upcoming: view.filter((a) => a.status === "booked" && a.startsAt > now).reverse(),
    attended: view.filter((a) => a.status === "attended"),
    missed: view.filter((a) => a.status === "no_show").length,
  };
}
