import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { workshopCalendarEvents } from "./calendar.server";
import { workshopsPersonalData } from "./personal-data.server";
import { workshopRemindersJob } from "./reminders.server";

export default defineModule({
  name: "workshops",
  jobs: [workshopRemindersJob],
  personalData: [workshopsPersonalData],
  calendar: [workshopCalendarEvents],
  nav: [
    { to: href("/ateliers"), labelKey: "workshops:nav.workshops", section: "discover", order: 30 },
  ],
});
