import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { listMyApplications } from "./applications.server";
import { listFollowedJobPaths } from "./matching.server";
import { resolveSeeker } from "./profile-access.server";
import type { ProfileInput } from "./schemas-seekers";
import * as q from "./seekers-queries.server";

/** « Mon projet professionnel »: the profile, consent and its history, disclosures, applications, followed paths. */
export async function getJobProject(db: Db, actor: User, learnerId?: string) {
  const person = await resolveSeeker(db, actor, learnerId, { write: false });
  const [profile, consents, disclosures, applications, paths] = await Promise.all([
    q.findProfile(db, person.id),
    q.listConsentEvents(db, person.id),
    q.listDisclosuresOf(db, person.id),
    listMyApplications(db, person),
    listFollowedJobPaths(db, person),
  ]);
  return {
    person: { id: person.id, firstName: person.first_name, self: person.id === actor.id },
    profile: profile ?? null,
    consents,
    disclosures,
    applications,
    paths,
  };
}

export async function saveJobProfile(db: Db, actor: User, input: ProfileInput) {
  const person = await resolveSeeker(db, actor, input.learnerId, { write: true });
  return q.upsertProfile(db, person.id, {
    sectors: input.sectors,
    communes: input.communes,
    mobility: input.mobility,
    driving_licence: input.drivingLicence,
    available_from: input.availableFrom,
    availability: input.availability,
    alerts: input.alerts,
  });
}
