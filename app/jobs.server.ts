import { classReminderJob } from "./features/classrooms/scheduling.server";
import { projectsRetentionJob } from "./features/projects/retention.server";
import { registerPeriodicJob } from "./lib/jobs.server";
import { workshopRemindersJob } from "./features/workshops/reminders.server";
import { REPORT_JOBS } from "./features/reports/jobs.server";
import { pruneFailures } from "./lib/throttle.server";
import { awardRecentlyEarnedBadges } from "./features/badges/service.server";
import { pruneAnonymousDiagnostics } from "./features/diagnostic/service.server";
import { env } from "./lib/env.server";
import { courseTrashJob } from "./features/courses/trash.server";
import { attachmentTrashJob } from "./features/projects/attachments.server";
import { outboxPruneJob } from "./lib/mail.server";

/**
 * Every periodic job of the app, registered in one place (imported by
 * app/server.ts). Add a feature's job with one `registerPeriodicJob` call.
 */
registerPeriodicJob({ name: "prune-sign-in-failures", everyMs: 60 * 60 * 1000, run: (db) => pruneFailures(db) });
registerPeriodicJob(classReminderJob);
registerPeriodicJob(projectsRetentionJob);
registerPeriodicJob(attachmentTrashJob);
registerPeriodicJob({ name: "prune-anonymous-diagnostics", everyMs: 24 * 60 * 60 * 1000, run: (db, now) => pruneAnonymousDiagnostics(db, now) });
registerPeriodicJob({ name: "award-earned-badges", everyMs: 10 * 60 * 1000, run: (db, now) => awardRecentlyEarnedBadges(db, env().APP_URL, now) });
for (const job of REPORT_JOBS) registerPeriodicJob(job);
registerPeriodicJob(workshopRemindersJob);
registerPeriodicJob(courseTrashJob);
registerPeriodicJob(outboxPruneJob);
