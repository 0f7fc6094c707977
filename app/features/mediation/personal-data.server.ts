import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./personal-data-queries.server";

/**
 * A person's mediation data for "download my data": their profile, the
 * consent recorded when a mediator created their account or printed them a
 * card, their access cards
 * (dates only: codes are never stored) and the accompaniments they appear in.
 * On deletion, cards and consents go with the account (CASCADE); activity-log
 * entries stay for the yearly evaluation, with the person unlinked (SET NULL)
 * so only an anonymous profile (age band, commune) remains.
 */
export const mediationPersonalData: PersonalDataSource = {
  name: "mediation",
  async collect(db, userId) {
    const profile = await q.findMediationProfile(db, userId);
    const consents = await q.listAssistedConsentsOf(db, userId);
    const cardConsents = await q.listCardConsentRecordsOf(db, userId);
    const accessCards = await q.listAccessCardsOf(db, userId);
    const accompaniments = await q.listAccompanimentsOf(db, userId);
    return { profile, consents, cardConsents, accessCards, accompaniments };
  },
};
