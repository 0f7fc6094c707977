import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { can } from "../../lib/permissions";
import { jobAlertsJob } from "./alerts.server";
import { worksForAPartner } from "./applications.server";
import { jobSeekersPersonalData } from "./personal-data-seekers.server";

/** The job seekers' side of the jobs domain (issue 20, part B; decision 046). */
export default defineModule({
  name: "jobseekers",
  jobs: [jobAlertsJob],
  personalData: [jobSeekersPersonalData],
  // « Mon projet professionnel » is reached from « Mon suivi » and from each
  // offer, not from the header: the learner's desktop header is already past
  // its 160 px (tests/e2e/journeys.test.ts, decision 046).
  nav: [
    { to: href("/emplois/candidatures"), labelKey: "jobseekers:nav.applicants", section: "staff", order: 42, visible: (u) => can(u, "read:job_applicant:own"), visibleWhen: (db, u) => worksForAPartner(db, u.id) },
  ],
});
