import { href } from "react-router";
import { can } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { REPORT_JOBS } from "./jobs.server";
import { reportsPersonalData } from "./personal-data.server";

export default defineModule({
  name: "reports",
  jobs: [...REPORT_JOBS],
  personalData: [reportsPersonalData],
  nav: [
    { to: href("/tableau-de-bord"), labelKey: "reports:nav.dashboard", section: "staff", order: 70, visible: (user) => can(user, "read:report:any") },
  ],
});
