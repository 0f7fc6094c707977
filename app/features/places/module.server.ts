import { href } from "react-router";
import { can } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";

export default defineModule({
  name: "places",
  nav: [
    { to: href("/lieux"), labelKey: "places:nav.places", section: "discover", order: 50 },
    { to: href("/gestion/lieux"), labelKey: "places:nav.manage", section: "staff", order: 80, visible: (user) => can(user, "manage:relay_space:any") },
  ],
});
