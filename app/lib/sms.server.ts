import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db, DbOrTrx } from "./db.server";
import { env } from "./env.server";
import type { PeriodicJob } from "./jobs.server";
import { logger } from "./logger.server";
import { DEAD_MAIL_RETENTION_DAYS, SENT_MAIL_RETENTION_DAYS } from "./mail.server";
import { drainOutboxTable } from "./outbox.server";

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

/** Sends due SMS through the transport; several processes may run it (app/lib/outbox.server.ts). */
export function drainSmsOutbox(db: Db, transport: SmsTransport, batchSize = 20) {
  const from = env().SMS_FROM;
  return drainOutboxTable(db, "sms_message", (message) => transport.send({ from, to: message.to_number, text: message.body }), {
    batchSize,
    what: "SMS",
  });
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
