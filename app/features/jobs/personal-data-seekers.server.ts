import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./seekers-queries.server";

/**
 * A job seeker's profile, consent history, applications, the disclosures
 * made to partners and the paths followed. All of it goes with the account
 * (ON DELETE CASCADE).
 */
export const jobSeekersPersonalData: PersonalDataSource = {
  name: "jobseekers",
  collect: (db, userId) => q.jobSeekerDataForExport(db, userId),
};
