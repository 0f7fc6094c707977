import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { Db } from "../../app/lib/db.server";

export interface Figures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  p975: number;
  errors: number;
  non2xx: number;
}

export interface BenchContext {
  /** The built app, started on a fresh real-Postgres database with the demo data. */
  baseUrl: string;
  databaseUrl: string;
  db: Db;
  /** The app's process (its workers are its children): CPU per request is read from /proc. */
  appPid: number;
  /** Seconds per measurement (BENCH_SECONDS, default 10). */
  seconds: number;
  /** Prints one result line and keeps it for the summary. */
  report(name: string, figures: Record<string, number | string>): void;
}

/**
 * Loads `url` with autocannon from this process (loopback only, bounded by
 * `seconds`). Latency percentiles are computed from every response time.
 */
export async function measure(
  url: string,
  {
    connections = 10,
    seconds = 10,
    headers = {},
    method = "GET",
    body,
    onStatus,
  }: {
    connections?: number;
    seconds?: number;
    headers?: Record<string, string>;
    method?: "GET" | "POST" | "PUT";
    body?: string;
    /** Called with each response's status (autocannon counts a 304 as non-2xx). */
    onStatus?: (status: number) => void;
  } = {},
): Promise<Figures> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers, method, body }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      samples.push(responseTime);
      onStatus?.(status);
    });
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    ...percentiles(samples),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** p50/p95/p99 of a list of durations (ms), for benches that time queries directly. */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: round(at(50)), p95: round(at(95)), p975: round(at(97.5)), p99: round(at(99)) };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** User + system CPU of a process and its descendants, in ms (Linux /proc). */
export function treeCpuMs(pid: number): number {
  let ms = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) ms += treeCpuMs(Number(child));
    }
  } catch {
    // the process ended
  }
  return ms;
}
