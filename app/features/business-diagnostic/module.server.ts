import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";

export default defineModule({
  name: "business-diagnostic",
  nav: [
    { to: href("/diagnostic-entreprise"), labelKey: "business:nav", section: "discover", order: 60 },
  ],
});
