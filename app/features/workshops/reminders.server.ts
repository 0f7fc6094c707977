import { DateTime } from "luxon";
import type { Db } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { TIME_ZONE } from "../../lib/i18n";
import { listBookingsToRemind } from "./mail-queries.server";
import { sendReminder } from "./mails.server";

/**
 * The day-before reminder: every confirmed booking, with an e-mail address,
 * of a workshop that takes place tomorrow (Paris calendar day). Run by the
 * periodic job scheduler; safe to run as often as wanted and from several
 * processes, since the outbox keeps one message per dedupe key.
 */
export async function sendWorkshopReminders(db: Db, now = new Date()) {
  const tomorrow = DateTime.fromJSDate(now).setZone(TIME_ZONE).startOf("day").plus({ days: 1 });
  const rows = await listBookingsToRemind(db, tomorrow.toJSDate(), tomorrow.plus({ days: 1 }).toJSDate());
  let queued = 0;
  for (const { booking_id, user_id, ...workshop } of rows) {
    if (await sendReminder(db, workshop, { id: booking_id, user_id })) queued++;
  }
  return queued;
}

/** Registered in app/jobs.server.ts: every 10 minutes is plenty for a day-before reminder. */
export const workshopRemindersJob: PeriodicJob = {
  name: "workshop-reminders",
  everyMs: 10 * 60 * 1000,
  run: (db, now) => sendWorkshopReminders(db, now),
};
