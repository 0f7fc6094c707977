import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "./db.server";
import { env } from "./env.server";
import type { PeriodicJob } from "./jobs.server";
import { logger } from "./logger.server";
import { DEAD_MAIL_RETENTION_DAYS, SENT_MAIL_RETENTION_DAYS } from "./mail.server";

/**
 * SMS for people who have a phone and no e-mail address, built like the mail
 * outbox (app/lib/mail.server.ts): `queueSms` writes a row in the caller's
 * transaction (a `dedupe_key` makes it once), a periodic job sends due rows
 * through the `SmsTransport`, outside any transaction, and records the outcome.
 */
export interface SmsToQueue {
  to: string;
  text: string;
  dedupeKey?: string;
  userId?: string | null;
}

export async function queueSms(db: DbOrTrx, sms: SmsToQueue) {
  await db
    .insertInto("sms_message")
    .values({ to_number: sms.to, body: sms.text, dedupe_key: sms.dedupeKey ?? null, user_id: sms.userId ?? null })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

export interface OutgoingSms {
  from: string;
  to: string;
  text: string;
}

export interface SmsTransport {
  send(message: OutgoingSms): Promise<void>;
}

/** The gateway at SMS_GATEWAY_URL when set; otherwise `.txt` files under `<DATA_DIR>/sms/`. */
export function createSmsTransport(): SmsTransport {
  const { SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, DATA_DIR } = env();
  if (SMS_GATEWAY_URL) {
    return {
      async send(m) {
        const response = await fetch(SMS_GATEWAY_URL, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...(SMS_GATEWAY_TOKEN ? { Authorization: `Bearer ${SMS_GATEWAY_TOKEN}` } : {}) },
          body: JSON.stringify(m),
          signal: AbortSignal.timeout(15_000),
        });
        if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      },
    };
  }
  return fileSmsTransport(path.resolve(DATA_DIR, "sms"));
}

export function fileSmsTransport(dir: string): SmsTransport {
  return {
    async send(m) {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${crypto.randomUUID()}.txt`);
      await writeFile(file, `From: ${m.from}\nTo: ${m.to}\n\n${m.text}\n`);
      logger.info({ to: m.to, file }, "SMS written to file (no SMS_GATEWAY_URL)");
    },
  };
}

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 8;

/** Claims due rows (SKIP LOCKED, a lease), sends them, records each outcome; several processes may run it. */
export async function drainSmsOutbox(db: Db, transport: SmsTransport, batchSize = 20) {
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("sms_message")
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
      .updateTable("sms_message")
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
  const from = env().SMS_FROM;
  for (const message of claimed) {
    try {
      await transport.send({ from, to: message.to_number, text: message.body });
      await db.updateTable("sms_message").set({ status: "sent", sent_at: sql`now()`, locked_until: null, last_error: null }).where("id", "=", message.id).execute();
      sent++;
    } catch (error) {
      failed++;
      const dead = message.attempts >= MAX_ATTEMPTS;
      logger.warn({ err: error, id: message.id, attempts: message.attempts, dead }, "SMS send failed");
      await db
        .updateTable("sms_message")
        .set({
          status: dead ? "dead" : "pending",
          locked_until: null,
          last_error: String((error as Error)?.message ?? error).slice(0, 1000),
          next_attempt_at: sql`now() + make_interval(secs => ${Math.min(30 * 2 ** (message.attempts - 1), 3600)})`,
        })
        .where("id", "=", message.id)
        .execute();
    }
  }
  return { sent, failed };
}

let transport: SmsTransport | undefined;

/** Every minute: an SMS reminder is not urgent to the second, and the job claims its run across processes. */
export const smsOutboxJob: PeriodicJob = {
  name: "sms-outbox",
  everyMs: 60 * 1000,
  run: (db) => drainSmsOutbox(db, (transport ??= createSmsTransport())),
};

/**
 * Phone numbers are personal data: sent SMS go after SENT_MAIL_RETENTION_DAYS
 * and dead ones after DEAD_MAIL_RETENTION_DAYS, as mail does; pending ones stay.
 */
export async function pruneSms(db: DbOrTrx, now = new Date()) {
  const day = 86_400_000;
  const deleted = await db
    .deleteFrom("sms_message")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "sent"), eb("created_at", "<", new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * day))]),
        eb.and([eb("status", "=", "dead"), eb("created_at", "<", new Date(now.getTime() - DEAD_MAIL_RETENTION_DAYS * day))]),
      ]),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

export const smsPruneJob: PeriodicJob = {
  name: "prune-sms",
  everyMs: 6 * 60 * 60 * 1000,
  run: (db, now) => pruneSms(db, now),
};
