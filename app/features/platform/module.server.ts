import { defineModule } from "../../lib/modules.server";

export default defineModule({
  name: "platform",
  nav: [
    { to: "/", labelKey: "nav.home", section: "discover", order: 0 },
  ],
});
