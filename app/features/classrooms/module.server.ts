import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { classroomsPersonalData } from "./personal-data.server";
import { classCalendarEvents, classReminderJob } from "./scheduling.server";

export default defineModule({
  name: "classrooms",
  jobs: [classReminderJob],
  personalData: [classroomsPersonalData],
  calendar: [classCalendarEvents],
  nav: [
    { to: href("/classes"), labelKey: "classrooms:nav", section: "discover", order: 40 },
  ],
});
