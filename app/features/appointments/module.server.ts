import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { can, isLearner } from "../../lib/permissions";
import { smsOutboxJob, smsPruneJob } from "../../lib/sms.server";
import { appointmentCalendarEvents } from "./calendar.server";
import { appointmentsPersonalData } from "./personal-data.server";
import { appointmentRemindersJob } from "./reminders.server";

export default defineModule({
  name: "appointments",
  jobs: [appointmentRemindersJob, smsOutboxJob, smsPruneJob],
  personalData: [appointmentsPersonalData],
  calendar: [appointmentCalendarEvents],
  nav: [
    { to: href("/rendez-vous"), labelKey: "appointments:nav.mine", section: "mine", order: 25, visible: isLearner },
    { to: href("/accompagnement/rendez-vous"), labelKey: "appointments:nav.desk", section: "staff", order: 15, visible: (u) => can(u, "manage:appointment:own") },
  ],
});
