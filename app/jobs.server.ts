import { classReminderJob } from "./features/classrooms/scheduling.server";
import { projectsRetentionJob } from "./features/projects/retention.server";
import { registerPeriodicJob } from "./lib/jobs.server";
import { pruneFailures } from "./lib/throttle.server";

/**
 * Every periodic job of the app, registered in one place (imported by
 * app/server.ts). Add a feature's job with one `registerPeriodicJob` call.
 */
registerPeriodicJob({ name: "prune-sign-in-failures", everyMs: 60 * 60 * 1000, run: (db) => pruneFailures(db) });
registerPeriodicJob(classReminderJob);
registerPeriodicJob(projectsRetentionJob);
