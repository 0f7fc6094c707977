import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./queries.server";

/** Notifications and the e-mail choice go with the account (ON DELETE CASCADE). */
export const notificationsPersonalData: PersonalDataSource = {
  name: "notifications",
  async collect(db, userId) {
    return { notifications: await q.notificationsForExport(db, userId), emailChoice: (await q.preferenceForExport(db, userId)) ?? null };
  },
};
