import { href } from "react-router";
import { isStaff } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { env } from "../../lib/env.server";
import { awardRecentlyEarnedBadges } from "./service.server";

export default defineModule({
  name: "badges",
  jobs: [{ name: "award-earned-badges", everyMs: 10 * 60 * 1000, run: (db, now) => awardRecentlyEarnedBadges(db, env().APP_URL, now) }],
  nav: [
    { to: href("/badges"), labelKey: "badges:nav", section: "staff", order: 40, visible: isStaff },
  ],
});
