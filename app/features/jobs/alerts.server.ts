import type { Db } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { withRetryingTransaction } from "../../lib/db.server";
import { notify } from "../notifications/service.server";
import { profileWantsOffer } from "./matching";
import { todayInParis } from "./matching.server";
import * as q from "./seekers-queries.server";

/** Offers published within this window are announced; older ones were (or are no longer news). */
export const ALERT_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * New matching offers (decision 046): each person whose profile wants the
 * offer's sector and names its commune, and who left alerts on, is told
 * once per offer — the job_offer_alert primary key says so, inside the same
 * transaction as the notification, so running twice (or in two processes)
 * announces nothing twice. The notifications domain mails it now, in the
 * evening digest or never, as the person chose.
 */
export async function sendJobAlerts(db: Db, now = new Date()) {
  const offers = await q.offersPublishedSince(db, new Date(now.getTime() - ALERT_WINDOW_MS), todayInParis(now));
  let sent = 0;
  for (const offer of offers) {
    const people = (await q.profilesWantingSector(db, offer.sector)).filter((p) => profileWantsOffer(p, offer));
    for (const person of people) {
      const announced = await withRetryingTransaction(db, async (trx) => {
        if (!(await q.insertAlert(trx, offer.id, person.user_id))) return false;
        await notify(trx, {
          userId: person.user_id,
          kind: "job_offer_match",
          messageKey: "jobseekers:notification.offer_match",
          values: { offer: offer.title, commune: offer.commune },
          target: { route: "jobPath", params: { id: offer.id } },
          dedupeKey: `job-offer-match:${offer.id}:${person.user_id}`,
        });
        return true;
      });
      if (announced) sent++;
    }
  }
  return { offers: offers.length, sent };
}

export const jobAlertsJob: PeriodicJob = {
  name: "job-offer-alerts",
  everyMs: 15 * 60 * 1000,
  run: (db, now) => sendJobAlerts(db, now),
};
