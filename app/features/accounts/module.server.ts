import { can } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { pruneFailures } from "../../lib/throttle.server";
import { accountsPersonalData } from "./personal-data.server";

export default defineModule({
  name: "accounts",
  jobs: [{ name: "prune-sign-in-failures", everyMs: 60 * 60 * 1000, run: (db) => pruneFailures(db) }],
  personalData: [accountsPersonalData],
  nav: [
    { to: "/admin/utilisateurs", labelKey: "nav.users", section: "staff", order: 110, visible: (user) => can(user, "manage:user:any") },
  ],
});
