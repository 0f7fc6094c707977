import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { can, isLearner } from "../../lib/permissions";
import { jobAlertsJob } from "./alerts.server";
import { worksForAPartner } from "./applications.server";
import { jobSeekersPersonalData } from "./personal-data-seekers.server";

/** The job seekers' side of the jobs domain (issue 20, part B; decision 046). */
export default defineModule({
  name: "jobseekers",
  jobs: [jobAlertsJob],
  personalData: [jobSeekersPersonalData],
  nav: [
    { to: href("/emplois/mon-projet"), labelKey: "jobseekers:nav.project", section: "mine", order: 27, visible: (u) => isLearner(u) && can(u, "manage:job_profile:own") },
    { to: href("/emplois/candidatures"), labelKey: "jobseekers:nav.applicants", section: "staff", order: 42, visible: (u) => can(u, "read:job_applicant:own"), visibleWhen: (db, u) => worksForAPartner(db, u.id) },
  ],
});
