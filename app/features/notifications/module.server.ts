import { defineModule } from "../../lib/modules.server";
import { notificationDigestJob } from "./digest.server";
import { notificationsPersonalData } from "./personal-data.server";

export default defineModule({
  name: "notifications",
  jobs: [notificationDigestJob],
  personalData: [notificationsPersonalData],
});
