import { sql } from "kysely";
import type { DbOrTrx } from "./db.server";

export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_MAX_FAILURES = 10;

/**
 * Failure counters live in Postgres so that every app process sees the same
 * count. Keys look like `signin:account:<email>` or `signin:ip:<address>`.
 */
export async function isThrottled(db: DbOrTrx, keys: string[]): Promise<boolean> {
  if (keys.length === 0) return false;
  const rows = await db
    .selectFrom("sign_in_failure")
    .select(["throttle_key", (eb) => eb.fn.countAll<string>().as("failures")])
    .where("throttle_key", "in", keys)
    .where("failed_at", ">", sql<Date>`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`)
    .groupBy("throttle_key")
    .execute();
  return rows.some((r) => Number(r.failures) >= THROTTLE_MAX_FAILURES);
}

export async function recordFailure(db: DbOrTrx, keys: string[]) {
  if (keys.length === 0) return;
  await db
    .insertInto("sign_in_failure")
    .values(keys.map((throttle_key) => ({ throttle_key })))
    .execute();
}

export async function clearFailures(db: DbOrTrx, keys: string[]) {
  if (keys.length === 0) return;
  await db.deleteFrom("sign_in_failure").where("throttle_key", "in", keys).execute();
}

/** Old rows are useless after the window; the worker prunes them. */
export async function pruneFailures(db: DbOrTrx) {
  await db
    .deleteFrom("sign_in_failure")
    .where("failed_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
}
