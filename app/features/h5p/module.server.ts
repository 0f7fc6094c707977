import { href } from "react-router";
import { can, isStaff } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { h5pPersonalData } from "./personal-data.server";

export default defineModule({
  name: "h5p",
  personalData: [h5pPersonalData],
  nav: [
    { to: href("/activites"), labelKey: "h5p:nav.activities", section: "staff", order: 20, visible: isStaff },
    { to: href("/admin/h5p"), labelKey: "h5p:nav.libraries", section: "staff", order: 90, visible: (user) => can(user, "install:h5p_library:any") },
  ],
});
