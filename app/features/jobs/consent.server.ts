import type { User } from "../../../db/schema/accounts";
import type { ConsentScope, JobSeekerProfile } from "../../../db/schema/jobs";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { resolveSeeker } from "./profile-access.server";
import type { ConsentInput } from "./schemas-seekers";
import * as q from "./seekers-queries.server";

/**
 * Consent to show partners one's verified badges or diagnostic levels
 * (decision 046): never on by default, given or revoked by an explicit
 * action, effective at once — partner pages read it on every view, even for
 * past applications — and each change kept in job_consent_event. Giving
 * what is already given (a double submit) records nothing more.
 */
export async function setJobConsent(db: Db, actor: User, input: ConsentInput) {
  const person = await resolveSeeker(db, actor, input.learnerId, { write: true });
  return withRetryingTransaction(db, async (trx) => {
    await q.ensureProfile(trx, person.id);
    const profile = await q.lockProfile(trx, person.id);
    const current = sharedSince(profile!, input.scope);
    if (!!current === input.granted) return { changed: false };
    await q.setShare(trx, person.id, input.scope, input.granted ? new Date() : null);
    await q.insertConsentEvent(trx, person.id, input.scope, input.granted);
    return { changed: true };
  });
}

export function sharedSince(profile: Pick<JobSeekerProfile, "share_badges_since" | "share_diagnostic_since">, scope: ConsentScope) {
  return scope === "badges" ? profile.share_badges_since : profile.share_diagnostic_since;
}
