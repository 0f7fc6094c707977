import { classroomsPersonalData } from "./features/classrooms/personal-data.server";
import { mediationPersonalData } from "./features/mediation/personal-data.server";
import { workshopsPersonalData } from "./features/workshops/personal-data.server";
import { coursesPersonalData } from "./features/courses/personal-data.server";
import { h5pPersonalData } from "./features/h5p/personal-data.server";
import { reportsPersonalData } from "./features/reports/personal-data.server";
import { projectsPersonalData } from "./features/projects/personal-data.server";
import { registerPersonalData } from "./lib/personal-data.server";
import { eraseOutboxForUser, outboxForUser } from "./lib/mail.server";
import { pathsPersonalData } from "./features/paths/personal-data.server";
import { xapiDocumentsPersonalData } from "./features/xapi/personal-data.server";

/**
 * Every domain's personal data, for the "download my data" export and for
 * account deletion. Tables that reference app_user with ON DELETE CASCADE
 * are erased by the deletion itself; list here what must be exported, or
 * anonymised rather than deleted.
 */
registerPersonalData({
  name: "account",
  async collect(db, userId) {
    const user = await db
      .selectFrom("app_user")
      .select(["id", "email", "first_name", "last_name", "role", "locale", "large_text", "high_contrast", "created_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    const sessions = await db
      .selectFrom("session")
      .select(["created_at", "expires_at", "ip", "user_agent"])
      .where("user_id", "=", userId)
      .execute();
    return { user, sessions };
  },
});

// Mail to or about the person, pending or sent: it carries their address, first name, maybe a reset link.
registerPersonalData({ name: "mail", collect: outboxForUser, erase: eraseOutboxForUser });
registerPersonalData(classroomsPersonalData);
registerPersonalData(workshopsPersonalData);
registerPersonalData(mediationPersonalData);
registerPersonalData(coursesPersonalData);
registerPersonalData(h5pPersonalData);
registerPersonalData(reportsPersonalData);
registerPersonalData(pathsPersonalData);
registerPersonalData(projectsPersonalData);
registerPersonalData(xapiDocumentsPersonalData);
