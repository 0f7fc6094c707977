import { sql, type Selectable } from "kysely";
import type { Database } from "../../db/types";
import type { Db } from "./db.server";
import { logger } from "./logger.server";

/**
 * The claim–send–record loop shared by the mail and SMS outboxes. Both tables
 * carry the same delivery columns (status, attempts, next_attempt_at,
 * locked_until, sent_at, last_error); each outbox only says how a row is sent.
 */
export type OutboxTable = "outbox_message" | "sms_message";

const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 8;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelaySeconds(attempts: number) {
  return Math.min(30 * 2 ** (attempts - 1), 3600);
}

/**
 * Claims due rows with FOR UPDATE SKIP LOCKED and a lease, sends them outside
 * the transaction, then records each outcome. Several processes can run this
 * at once: a row is claimed by one of them only. A row that failed
 * MAX_ATTEMPTS times is marked dead and kept for an operator.
 */
export async function drainOutboxTable<T extends OutboxTable>(
  db: Db,
  table: T,
  send: (row: Selectable<Database[T]>) => Promise<void>,
  { batchSize = 20, what }: { batchSize?: number; what: string },
): Promise<{ sent: number; failed: number }> {
  // Kysely cannot build one query over a union of table names; the delivery
  // columns are the same in both tables, so the queries are typed on one.
  const name = table as "outbox_message";
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom(name)
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", sql<Date>`now()`)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
      .orderBy("id")
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable(name)
      .set({ locked_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`attempts + 1` })
      .where(
        "id",
        "in",
        due.map((r) => r.id),
      )
      .returningAll()
      .execute();
  });

  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await send(row as unknown as Selectable<Database[T]>);
      await db
        .updateTable(name)
        .set({ status: "sent", sent_at: sql`now()`, locked_until: null, last_error: null })
        .where("id", "=", row.id)
        .execute();
      sent++;
    } catch (error) {
      failed++;
      const dead = row.attempts >= MAX_ATTEMPTS;
      logger.warn({ err: error, id: row.id, attempts: row.attempts, dead }, `${what} send failed`);
      await db
        .updateTable(name)
        .set({
          status: dead ? "dead" : "pending",
          locked_until: null,
          last_error: String((error as Error)?.message ?? error).slice(0, 1000),
          next_attempt_at: sql`now() + make_interval(secs => ${retryDelaySeconds(row.attempts)})`,
        })
        .where("id", "=", row.id)
        .execute();
    }
  }
  return { sent, failed };
}
