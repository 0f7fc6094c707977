import { href } from "react-router";
import { can } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { xapiDocumentsPersonalData } from "./personal-data.server";

export default defineModule({
  name: "xapi",
  personalData: [xapiDocumentsPersonalData],
  nav: [
    { to: href("/admin/xapi"), labelKey: "xapi:nav.credentials", section: "staff", order: 100, visible: (user) => can(user, "manage:xapi_credential:any") },
  ],
});
