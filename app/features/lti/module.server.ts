import { href } from "react-router";
import type { PersonalDataSource } from "../../lib/personal-data.server";
import { defineModule } from "../../lib/modules.server";
import { can } from "../../lib/permissions";
import * as q from "./queries.server";
import { ltiScoresJob } from "./scores.server";

/** Which platform accounts a person is linked to, and the scores sent to their gradebooks; the rows go with the account (cascade). */
const ltiPersonalData: PersonalDataSource = {
  name: "lti",
  async collect(db, userId) {
    return { platformAccounts: await q.linksOfUser(db, userId), scoresSent: await q.scoresOfUser(db, userId) };
  },
};

export default defineModule({
  name: "lti",
  jobs: [ltiScoresJob],
  personalData: [ltiPersonalData],
  nav: [{ to: href("/admin/lti"), labelKey: "lti:nav.platforms", section: "staff", order: 101, visible: (user) => can(user, "manage:lti_platform:any") }],
});
