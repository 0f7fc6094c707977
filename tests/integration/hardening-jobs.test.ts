import { describe, expect, it } from "vitest";
import { claimJobRun, type PeriodicJob } from "../../app/lib/jobs.server";
import { testDb } from "../helpers/db";

describe("periodic job runs are claimed once per interval", () => {
  it("lets exactly one of many simultaneous claims win, refuses a re-run until the interval has passed", async () => {
    const db = await testDb();
    const job: PeriodicJob = { name: `claim-${Math.random()}`, everyMs: 60_000, run: async () => {} };
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimJobRun(db, job)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Right after (another worker, or this one restarted): not again.
    expect(await claimJobRun(db, job)).toBe(false);
    // Once the interval has passed, the next claim wins.
    await db.updateTable("job_run").set({ last_started_at: new Date(Date.now() - 61_000) }).where("job_name", "=", job.name).execute();
    expect(await claimJobRun(db, job)).toBe(true);
    expect(await claimJobRun(db, job)).toBe(false);
  });
});
