import { DateTime } from "luxon";
import type { Db } from "../../lib/db.server";
import { TIME_ZONE } from "../../lib/i18n";
import type { PeriodicJob } from "../../lib/jobs.server";
import { queueMail } from "../../lib/mail.server";
import { notificationMail } from "./mail.server";
import * as q from "./queries.server";
import { mailModeFor } from "./service.server";

/** The digest goes out once a day, from this hour (Paris time). */
export const DIGEST_HOUR = 18;

/**
 * The daily digest: from 18:00 (Paris), one e-mail per person holding every
 * notification waiting for it that was made before 18:00 that day. Those are
 * marked sent in the transaction that queues the mail, and the outbox keeps
 * one message per person and day, so running the job twice — or on two
 * servers at once (SKIP LOCKED) — mails once. A notification made after
 * 18:00 waits for the next day's digest.
 */
export async function sendNotificationDigests(db: Db, now = new Date()) {
  const paris = DateTime.fromJSDate(now).setZone(TIME_ZONE);
  const cutoff = paris.startOf("day").set({ hour: DIGEST_HOUR });
  if (paris < cutoff) return 0;
  const day = cutoff.toISODate();
  let sent = 0;
  for (const userId of await q.usersWithPendingDigest(db, cutoff.toJSDate())) {
    const mailed = await db.transaction().execute(async (trx) => {
      const items = await q.lockPendingDigest(trx, userId, cutoff.toJSDate());
      if (items.length === 0) return false;
      const recipient = await q.findRecipient(trx, userId);
      const ids = items.map((i) => i.id);
      // Chose 'never' (or lost the address) since: nothing is mailed, ever.
      if (!recipient?.email || mailModeFor(recipient) === "never") {
        await q.setMailState(trx, ids, "none");
        return false;
      }
      const mail = notificationMail(recipient.locale, recipient.first_name, items);
      await queueMail(trx, { to: recipient.email, ...mail, locale: recipient.locale, dedupeKey: `notification-digest:${userId}:${day}`, userId });
      await q.setMailState(trx, ids, "sent");
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

/** Every 15 minutes; idempotent (see above). */
export const notificationDigestJob: PeriodicJob = {
  name: "notification-digest",
  everyMs: 15 * 60 * 1000,
  run: (db, now) => sendNotificationDigests(db, now),
};
