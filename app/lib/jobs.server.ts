import { sql } from "kysely";
import type { Db } from "./db.server";
import { logger } from "./logger.server";

/**
 * Periodic background jobs (reminders, retention clean-up, aggregates…).
 * One worker per server runs the loop (app/lib/cluster.server.ts), and any
 * number of servers may: a run is claimed in `job_run` first (so a job is not
 * started again anywhere before its interval has passed, a restarted worker
 * included), and a Postgres advisory lock keeps two runs from overlapping
 * when one outlasts its interval. Jobs must be
 * idempotent (e.g. mail through the outbox with a dedupe_key): a crash in the
 * middle just means the next run does the rest.
 */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(db: Db, now: Date): Promise<unknown>;
}

const jobs: PeriodicJob[] = [];

/** Features register their jobs at import time (see app/jobs.server.ts). */
export function registerPeriodicJob(job: PeriodicJob) {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}

export function registeredJobs(): readonly PeriodicJob[] {
  return jobs;
}

/** Stable 32-bit key for pg advisory locks from a job name. */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}

/**
 * Runs a job once if no other process is running it right now; returns false
 * when skipped. On a server, a session-level advisory lock is held on one
 * pooled connection while the job runs with the pool (so it may open its own
 * transactions). The embedded database is one process by construction: no lock.
 */
export async function runJobOnce(db: Db, job: PeriodicJob, { embedded = false, now = new Date() } = {}): Promise<boolean> {
  if (embedded) {
    await job.run(db, now);
    return true;
  }
  return db.connection().execute(async (conn) => {
    const key = lockKey(job.name);
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
    if (!rows[0]?.locked) return false;
    try {
      await job.run(db, now);
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/**
 * Claims this interval's run of a job: one statement that records the start
 * only if the last one anywhere is at least `everyMs` old. Returns false when
 * another process (or this one, before a restart) already ran it.
 */
export async function claimJobRun(db: Db, job: PeriodicJob): Promise<boolean> {
  const claimed = await db
    .insertInto("job_run")
    .values({ job_name: job.name, last_started_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc
        .column("job_name")
        .doUpdateSet({ last_started_at: sql<Date>`now()` })
        .where("job_run.last_started_at", "<=", sql<Date>`now() - make_interval(secs => ${job.everyMs / 1000})`),
    )
    .returning("job_name")
    .executeTakeFirst();
  return claimed !== undefined;
}

export function startJobScheduler(db: Db, { tickMs = 30_000, embedded = false } = {}) {
  const lastRun = new Map<string, number>();
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) break;
      const last = lastRun.get(job.name) ?? 0;
      if (Date.now() - last < job.everyMs) continue;
      try {
        if (!(await claimJobRun(db, job))) continue;
        lastRun.set(job.name, Date.now());
        const began = Date.now();
        if (await runJobOnce(db, job, { embedded })) logger.info({ job: job.name, ms: Date.now() - began, pid: process.pid }, "periodic job ran");
      } catch (err) {
        logger.error({ err, job: job.name }, "periodic job failed");
      }
    }
  };
  const loop = async () => {
    if (stopped) return;
    running = tick();
    await running;
    if (!stopped) timer = setTimeout(loop, tickMs);
  };
  let timer = setTimeout(loop, 1_000);
  return async function stop() {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
