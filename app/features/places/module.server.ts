import { can } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";

export default defineModule({
  name: "places",
  nav: [
    { to: "/lieux", labelKey: "places:nav.places", section: "discover", order: 50 },
    { to: "/gestion/lieux", labelKey: "places:nav.manage", section: "staff", order: 80, visible: (user) => can(user, "manage:relay_space:any") },
  ],
});
