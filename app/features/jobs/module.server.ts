import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { can } from "../../lib/permissions";

/**
 * Towards a job (issue 20), part A: the partner directory and local job
 * offers. Part B (job seekers, applications) adds its own entries here.
 */
export default defineModule({
  name: "jobs",
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
  ],
});
