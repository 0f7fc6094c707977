import { DateTime } from "luxon";
import type { Db } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { TIME_ZONE } from "../../lib/i18n";
import { notifyAppointment } from "./notify.server";
import * as q from "./queries.server";

/**
 * The day-before reminder: every booked appointment that takes place
 * tomorrow, as a Paris calendar day (23, 24 or 25 hours long around a clock
 * change), by e-mail or else by SMS. Safe to run as often as wanted and from
 * several processes: each message has a dedupe key (appointment and start
 * time), so it is queued once — and again only if the appointment moves.
 */
export async function sendAppointmentReminders(db: Db, now = new Date()) {
  const tomorrow = DateTime.fromJSDate(now).setZone(TIME_ZONE).startOf("day").plus({ days: 1 });
  const rows = await q.appointmentsStartingBetween(db, tomorrow.toJSDate(), tomorrow.plus({ days: 1 }).toJSDate());
  const sent = { email: 0, sms: 0, none: 0 };
  for (const a of rows) sent[await notifyAppointment(db, "reminder", a)]++;
  return sent;
}

export const appointmentRemindersJob: PeriodicJob = {
  name: "appointment-reminders",
  everyMs: 10 * 60 * 1000,
  run: (db, now) => sendAppointmentReminders(db, now),
};
