import { sql } from "kysely";
import type { DbOrTrx } from "./db.server";

export const THROTTLE_WINDOW_MINUTES = 15;
/** Failures allowed per window for one account (or one signed-in user). */
export const THROTTLE_MAX_FAILURES = 10;
/**
 * Failures allowed per window from one network address. Higher than per
 * account: a relay space or a school puts a whole room of people behind one
 * public address, and a few mistyped passwords must not lock them all out.
 * The codes and passwords guessed against it are long enough (≥ 40 bits for
 * access cards and class codes) that 50 tries per 15 minutes gets nowhere.
 */
export const THROTTLE_MAX_FAILURES_PER_ADDRESS = 50;

/** The counter key for a network address, with its higher limit. */
export const addressKey = (scope: string, ip: string) => `${scope}:ip:${ip}`;

const limitOf = (key: string) => (key.includes(":ip:") ? THROTTLE_MAX_FAILURES_PER_ADDRESS : THROTTLE_MAX_FAILURES);

/**
 * Failure counters live in Postgres so that every app process sees the same
 * count. Keys look like `signin:account:<email>` or, made by addressKey(),
 * `signin:ip:<address>`.
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
  return rows.some((r) => Number(r.failures) >= limitOf(r.throttle_key));
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

/**
 * Anonymous forms that write a row (the questionnaires) count each
 * submission against the address's allowance, so that a script cannot fill
 * the database. Returns false when the address has used it up.
 */
export async function allowAnonymousSubmission(db: DbOrTrx, scope: string, ip: string | null): Promise<boolean> {
  const keys = ip ? [addressKey(scope, ip)] : [];
  if (await isThrottled(db, keys)) return false;
  await recordFailure(db, keys);
  return true;
}

/** Old rows are useless after the window; the worker prunes them. */
export async function pruneFailures(db: DbOrTrx) {
  await db
    .deleteFrom("sign_in_failure")
    .where("failed_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
}
