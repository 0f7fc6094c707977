import { describe, expect, it } from "vitest";
import { runJobOnce, type PeriodicJob } from "../../app/lib/jobs.server";
import { testDb } from "../helpers/db";

describe("periodic jobs", () => {
  it("runs a job in one process at a time (advisory lock), and again once it is free", async () => {
    const db = await testDb();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job: PeriodicJob = {
      name: `test-job-${Math.random()}`,
      everyMs: 1000,
      async run() {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 200));
        running--;
      },
    };
    const results = await Promise.all([runJobOnce(db, job), runJobOnce(db, job), runJobOnce(db, job)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(maxRunning).toBe(1);
    expect(await runJobOnce(db, job)).toBe(true);
    expect(runs).toBe(2);
  });

  it("releases the lock when the job fails", async () => {
    const db = await testDb();
    const job: PeriodicJob = { name: `failing-${Math.random()}`, everyMs: 1000, run: async () => { throw new Error("boom"); } };
    await expect(runJobOnce(db, job)).rejects.toThrow("boom");
    const ok: PeriodicJob = { ...job, run: async () => {} };
    expect(await runJobOnce(db, ok)).toBe(true);
  });
});
