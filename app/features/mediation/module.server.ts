import { href } from "react-router";
import { can } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { mediationPersonalData } from "./personal-data.server";

export default defineModule({
  name: "mediation",
  personalData: [mediationPersonalData],
  nav: [
    { to: href("/accompagnement/journal"), labelKey: "mediation:nav.log", section: "staff", order: 50, visible: (user) => can(user, "create:activity:own") },
    { to: href("/accompagnement/personnes"), labelKey: "mediation:nav.learners", section: "staff", order: 60, visible: (user) => can(user, "create:activity:own") },
    { to: href("/accompagnement/cartes"), labelKey: "mediation:nav.cards", section: "staff", order: 65, visible: (user) => can(user, "read:access_card:any") },
  ],
});
