import { sql } from "kysely";
import type { DbOrTrx } from "./db.server";

/**
 * Attempt counters in Postgres, shared by every app process. Each attempt is
 * counted before it is judged, by one upsert per counter that returns the new
 * count: two parallel guesses can never both read "9 of 10" (the row lock
 * orders them), so exactly `limit` attempts get through per window, however
 * many arrive at once. A successful attempt gives its count back (see
 * `forgiveAttempt`), so in effect the counters hold failures and attempts in
 * flight. Fixed windows of 15 minutes, starting at a key's first attempt.
 */
export const THROTTLE_WINDOW_MINUTES = 15;

export interface Counter {
  key: string;
  limit: number;
}

/**
 * Password sign-in counts three keys (decision 003, revised):
 * - the account from this address: 10 — a stranger runs out here;
 * - the address: 50 — a relay space or school shares one public address, so a
 *   room of people mistyping must not lock each other out;
 * - the account from anywhere: 100 — bounds a guesser with many addresses,
 *   while the owner (from another address) keeps 90 tries even when one
 *   address has used up its 10.
 */
export const SIGN_IN_LIMITS = { accountFromAddress: 10, address: 50, account: 100 } as const;
/** Access-card codes, per address (decision 010). */
export const CARD_LIMIT_PER_ADDRESS = 10;
/** Re-typing one's own password to change it or delete the account, per user. */
export const PASSWORD_RECHECK_LIMIT = 10;
/** Anonymous forms that write a row (the questionnaires), per address. */
export const ANONYMOUS_SUBMISSIONS_PER_ADDRESS = 50;
/** Guessed class codes: per signed-in user, and per address. */
export const CLASS_JOIN_LIMITS = { user: 10, address: 50 } as const;

/** The counter key for a network address. */
export const addressKey = (scope: string, ip: string) => `${scope}:ip:${ip}`;

/**
 * Counts one attempt on every counter, in one statement, and says whether all
 * of them are still within their limit. Keys are sorted so that concurrent
 * statements lock the rows in the same order (no deadlock).
 */
export async function countAttempt(db: DbOrTrx, counters: readonly Counter[]): Promise<boolean> {
  if (counters.length === 0) return true;
  const limits = new Map(counters.map((c) => [c.key, c.limit]));
  const keys = [...limits.keys()].sort();
  const rows = await db
    .insertInto("throttle_counter")
    .values(keys.map((throttle_key) => ({ throttle_key, attempts: 1 })))
    .onConflict((oc) =>
      oc.column("throttle_key").doUpdateSet({
        attempts: sql<number>`case when throttle_counter.window_started_at > ${windowStart()} then throttle_counter.attempts + 1 else 1 end`,
        window_started_at: sql<Date>`case when throttle_counter.window_started_at > ${windowStart()} then throttle_counter.window_started_at else now() end`,
      }),
    )
    .returning(["throttle_key", "attempts"])
    .execute();
  return rows.every((r) => r.attempts <= limits.get(r.throttle_key)!);
}

const windowStart = () => sql<Date>`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;

/** A successful attempt gives back what it counted (it was not a guess). */
export async function forgiveAttempt(db: DbOrTrx, keys: readonly string[]) {
  if (keys.length === 0) return;
  await db
    .updateTable("throttle_counter")
    .set({ attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where("throttle_key", "in", [...keys].sort())
    .execute();
}

/** Forgets a key altogether (the owner proved who they are from there). */
export async function resetCounter(db: DbOrTrx, keys: readonly string[]) {
  if (keys.length === 0) return;
  await db.deleteFrom("throttle_counter").where("throttle_key", "in", keys).execute();
}

/**
 * Anonymous forms that write a row (the questionnaires) count each
 * submission against the address's allowance, so that a script cannot fill
 * the database. Returns false when the address has used it up.
 */
export async function allowAnonymousSubmission(db: DbOrTrx, scope: string, ip: string | null): Promise<boolean> {
  if (!ip) return true;
  return countAttempt(db, [{ key: addressKey(scope, ip), limit: ANONYMOUS_SUBMISSIONS_PER_ADDRESS }]);
}

/** Counters whose window ended long ago are useless; the worker prunes them. */
export async function pruneFailures(db: DbOrTrx) {
  await db
    .deleteFrom("throttle_counter")
    .where("window_started_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
}
