import { href } from "react-router";
import { isLearner } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";

export default defineModule({
  name: "record",
  nav: [
    { to: href("/compte/activites"), labelKey: "workshops:nav.my_activities", section: "mine", order: 20, visible: isLearner },
  ],
});
