import { href } from "react-router";
import { isStaff } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { coursesPersonalData } from "./personal-data.server";
import { courseTrashJob } from "./trash.server";

export default defineModule({
  name: "courses",
  jobs: [courseTrashJob],
  personalData: [coursesPersonalData],
  nav: [
    { to: href("/cours"), labelKey: "courses:nav.catalogue", section: "discover", order: 10 },
    { to: href("/creer/cours"), labelKey: "courses:nav.authoring", section: "staff", order: 10, visible: isStaff },
  ],
});
