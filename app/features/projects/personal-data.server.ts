import type { PersonalDataSource } from "../../lib/personal-data.server";
import { classesTaughtBy, pupilProfileOfUser, seatsOfUser } from "./classes/queries.server";
import { consentsAboutUser } from "./consent/queries.server";
import { teamsOfUser } from "./teams/queries.server";

/**
 * School projects in "download my data". Nothing to erase by hand: when an
 * account goes, its class seats are unlinked (ON DELETE SET NULL), so the
 * team's work stays as "Élève N" — the same as the retention job does.
 */
export const projectsPersonalData: PersonalDataSource = {
  name: "school_projects",
  async collect(db, userId) {
    const profile = await pupilProfileOfUser(db, userId);
    const classes = await seatsOfUser(db, userId);
    const consents = await consentsAboutUser(db, userId);
    const teams = await teamsOfUser(db, userId);
    const teaching = await classesTaughtBy(db, userId);
    return { profile: profile ?? null, classes, consents, teams, teaching };
  },
};
