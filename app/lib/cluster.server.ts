import cluster, { type Worker } from "node:cluster";
import { env, workerCount } from "./env.server";
import { logger } from "./logger.server";
import { warnIfPublicUrlIsGuessed } from "./public-url.server";

/**
 * `npm start`: a primary process that forks one HTTP worker per core
 * (WEB_CONCURRENCY), all on one port, and starts a new one when a worker
 * dies. The embedded database (PGlite) belongs to one process, so without
 * DATABASE_URL there is exactly one worker. See docs/decisions/020-one-worker-per-core.md.
 */
const INDEX_VARIABLE = "PASSERELLE_WORKER_INDEX";

/** Worker 0 runs the mail outbox and the periodic jobs; a server started outside the cluster does too. */
export function isBackgroundWorker() {
  return (process.env[INDEX_VARIABLE] ?? "0") === "0";
}

/** Restart delays after unexpected exits: 1 s, 2 s, 4 s … 30 s; a worker that lived a minute resets it. */
export function restartDelayMs(recentFailures: number) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, recentFailures - 1));
}
const STABLE_AFTER_MS = 60_000;

export async function runPrimary() {
  const count = workerCount();
  const embedded = !env().DATABASE_URL;
  if (embedded) {
    logger.info("embedded database (no DATABASE_URL): one worker process, PGlite cannot be shared between processes");
  } else {
    logger.info({ workers: count }, "starting one worker per core (WEB_CONCURRENCY)");
  }
  warnIfPublicUrlIsGuessed();

  let stopping = false;
  const failures = new Map<number, number>();
  const fork = (index: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({ [INDEX_VARIABLE]: String(index) });
    worker.once("exit", (code, signal) => onExit(worker, index, startedAt, code, signal));
    return worker;
  };
  const onExit = (worker: Worker, index: number, startedAt: number, code: number | null, signal: string | null) => {
    if (stopping) return;
    const lived = Date.now() - startedAt;
    const recent = lived > STABLE_AFTER_MS ? 1 : (failures.get(index) ?? 0) + 1;
    failures.set(index, recent);
    const delay = restartDelayMs(recent);
    logger.error({ pid: worker.process.pid, index, code, signal, livedMs: lived, restartInMs: delay }, "worker exited unexpectedly, starting a new one");
    setTimeout(() => {
      if (!stopping) fork(index);
    }, delay).unref();
  };
  for (let i = 0; i < count; i++) fork(i);

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping the workers");
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    const forced = setTimeout(() => {
      for (const w of workers) w.process.kill("SIGKILL");
      process.exit(1);
    }, 15_000).unref();
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w.once("exit", () => {
        if (--left === 0) {
          clearTimeout(forced);
          process.exit(0);
        }
      });
      w.process.kill(signal);
    }
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
