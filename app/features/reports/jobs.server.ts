import type { PeriodicJob } from "../../lib/jobs.server";
import { publishActivityAggregates } from "../opendata/aggregates.server";
import { pruneDashboardCache, warmDefaultDashboards } from "./cache.server";
import { refreshStats } from "./refresh.server";
import { processReportJobs } from "./report-jobs.server";

/**
 * The reports' background work, registered in app/jobs.server.ts:
 * aggregates refreshed incrementally every five minutes (and rebuilt once a
 * day), the default dashboard view computed ahead, open-data files
 * republished when their bytes change, and waiting
 * yearly reports built (a request also starts the worker straight away).
 */
export const REPORT_JOBS: PeriodicJob[] = [
  {
    name: "reports-refresh-stats",
    everyMs: 5 * 60 * 1000,
    async run(db, now) {
      const results = await refreshStats(db, { now });
      const published = await publishActivityAggregates(db, now);
      await pruneDashboardCache(db, new Date(now.getTime() - 60 * 60 * 1000));
      await warmDefaultDashboards(db, now);
      return { results, published };
    },
  },
  { name: "reports-build-yearly", everyMs: 30 * 1000, run: (db) => processReportJobs(db) },
];
