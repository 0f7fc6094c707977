import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { can } from "../../lib/permissions";
import { jobAlertsJob } from "./alerts.server";
import { worksForAPartner } from "./applications.server";
import { jobSeekersPersonalData } from "./personal-data-seekers.server";

/**
 * Towards a job (issue 20): the partner directory and local job offers
 * (decision 045); job seekers' profiles, applications and alerts (decision 046).
 */
export default defineModule({
  name: "jobs",
  jobs: [jobAlertsJob],
  personalData: [jobSeekersPersonalData],
  // « Mon projet professionnel » is reached from « Mon suivi » and from each
  // offer, not from the header, which must stay within three rows on a desktop.
  nav: [
    {
      to: href("/emplois"),
      labelKey: "jobs:nav.offers",
      section: "discover",
      order: 45,
    },
    // One entry for coordinators (the header must stay small): moderation, which links to the partner directory.
    // Coordinators hold every permission; their way in is the moderation page, not a partner's space.
    {
      to: href("/espace-partenaire"),
      labelKey: "jobs:nav.partner_space",
      section: "staff",
      order: 5,
      visible: (u) => can(u, "manage:job_offer:own") && !can(u, "moderate:job_offer:any"),
    },
    {
      to: href("/admin/offres"),
      labelKey: "jobs:nav.moderation",
      section: "staff",
      order: 60,
      visible: (u) => can(u, "moderate:job_offer:any"),
    },
    { to: href("/emplois/candidatures"), labelKey: "jobseekers:nav.applicants", section: "staff", order: 42, visible: (u) => can(u, "read:job_applicant:own"), visibleWhen: (db, u) => worksForAPartner(db, u.id) },
  ],
});
