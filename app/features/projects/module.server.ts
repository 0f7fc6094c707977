import { href } from "react-router";
import { can, isLearner } from "../../lib/permissions";
import { defineModule } from "../../lib/modules.server";
import { attachmentTrashJob } from "./attachments.server";
import { projectsPersonalData } from "./personal-data.server";
import { holdsClassSeat } from "./queries.server";
import { projectsRetentionJob } from "./retention.server";

export default defineModule({
  name: "projects",
  jobs: [projectsRetentionJob, attachmentTrashJob],
  personalData: [projectsPersonalData],
  nav: [
    { to: href("/classes-scolaires"), labelKey: "projects:nav.pupil", section: "mine", order: 10, visible: isLearner, visibleWhen: (db, user) => holdsClassSeat(db, user.id) },
    { to: href("/classes-scolaires"), labelKey: "projects:nav.teacher", section: "staff", order: 30, visible: (user) => can(user, "create:school_class:own") },
  ],
});
