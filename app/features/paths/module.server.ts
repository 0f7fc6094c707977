import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { pathsPersonalData } from "./personal-data.server";

export default defineModule({
  name: "paths",
  personalData: [pathsPersonalData],
  nav: [
    { to: href("/parcours"), labelKey: "paths:nav", section: "discover", order: 20 },
  ],
});
