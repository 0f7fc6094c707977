import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Db, DbOrTrx } from "./db.server";
import type { PeriodicJob } from "./jobs.server";
import { env } from "./env.server";
import type { MailAttachment } from "../../db/schema/platform";
import { logger } from "./logger.server";
import { mailHtml } from "./mail-layout";
import { drainOutboxTable } from "./outbox.server";
import { publicUrl } from "./public-url.server";

export interface MailToQueue {
  to: string;
  subject: string;
  /** The text part; the HTML part is made from it with the one mail layout (mail-layout.ts). */
  text: string;
  /** The language of the mail (the HTML part's `lang`); French when absent. */
  locale?: string;
  attachments?: MailAttachment[];
  /** Same key queued twice → one message (a retried request does not mail twice). */
  dedupeKey?: string;
  /** The account the mail is to or about (a pupil, for a mail to their parent): erasing it deletes the mail. */
  userId?: string | null;
}

/**
 * Mail is never sent inside a request: it is written to the outbox in the
 * caller's transaction and a worker sends it, so a slow or broken mail server
 * delays mail without failing the request or losing the message.
 */
export async function queueMail(db: DbOrTrx, mail: MailToQueue) {
  await db
    .insertInto("outbox_message")
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mailHtml({ subject: mail.subject, text: mail.text, lang: mail.locale ?? "fr", siteUrl: publicUrl() }),
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      dedupe_key: mail.dedupeKey ?? null,
      user_id: mail.userId ?? null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[] | null;
}

export interface MailTransport {
  send(message: OutgoingMail): Promise<void>;
}

/** What nodemailer is handed: both parts, and the attachments as files. */
export function nodemailerMessage(m: OutgoingMail) {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html ?? undefined,
    attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}

/** SMTP when SMTP_URL is set; otherwise `.eml` files under `<DATA_DIR>/mail/`. */
export function createMailTransport(): MailTransport {
  const { SMTP_URL, DATA_DIR } = env();
  if (SMTP_URL) {
    const transporter = nodemailer.createTransport(SMTP_URL);
    return { send: async (m) => void (await transporter.sendMail(nodemailerMessage(m))) };
  }
  const dir = path.resolve(DATA_DIR, "mail");
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(m) {
      const info = await transporter.sendMail(nodemailerMessage(m));
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${crypto.randomUUID()}.eml`);
      await writeFile(file, info.message as Buffer);
      logger.info({ to: m.to, subject: m.subject, file }, "mail written to file (no SMTP_URL)");
    },
  };
}

export { retryDelaySeconds } from "./outbox.server";

/** Sends due mail through the transport; several processes can run this at once (app/lib/outbox.server.ts). */
export function drainOutbox(db: Db, transport: MailTransport, batchSize = 20) {
  const from = env().MAIL_FROM;
  return drainOutboxTable(
    db,
    "outbox_message",
    (message) =>
      transport.send({
        from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        attachments: message.attachments,
      }),
    { batchSize, what: "mail" },
  );
}

export function startOutboxWorker(db: Db, { intervalMs = 2000 } = {}) {
  const transport = createMailTransport();
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = drainOutbox(db, transport).catch((err) => logger.error({ err }, "outbox worker tick failed"));
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, 100);
  return async function stop() {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/** Sent mail is kept this long (to answer "did you send it?"), then deleted with its body. */
export const SENT_MAIL_RETENTION_DAYS = 30;
/** Mail that failed for good stays longer, for an operator to fix the SMTP settings and send it again. */
export const DEAD_MAIL_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Deletes sent mail older than SENT_MAIL_RETENTION_DAYS and dead mail older
 * than DEAD_MAIL_RETENTION_DAYS (by the day it was queued); pending mail is
 * never touched. Without SMTP_URL the `.eml` files written instead are pruned
 * on the same schedule.
 */
export async function pruneOutbox(db: DbOrTrx, now = new Date()) {
  const sentBefore = new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * DAY_MS);
  const deadBefore = new Date(now.getTime() - DEAD_MAIL_RETENTION_DAYS * DAY_MS);
  const deleted = await db
    .deleteFrom("outbox_message")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "sent"), eb("created_at", "<", sentBefore)]),
        eb.and([eb("status", "=", "dead"), eb("created_at", "<", deadBefore)]),
      ]),
    )
    .executeTakeFirst();
  const files = env().SMTP_URL ? 0 : await pruneMailFiles(path.resolve(env().DATA_DIR, "mail"), sentBefore);
  return { messages: Number(deleted.numDeletedRows), files };
}

async function pruneMailFiles(dir: string, before: Date) {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith(".eml")) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtime < before) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export const outboxPruneJob: PeriodicJob = {
  name: "prune-outbox",
  everyMs: 6 * 60 * 60 * 1000,
  run: (db, now) => pruneOutbox(db, now),
};

/**
 * The mail queued to or about a person, for their data export: what was sent
 * and when, not the bodies (a body may hold a reset link still valid).
 */
export function outboxForUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("outbox_message")
    .select(["to_address", "subject", "status", "created_at", "sent_at"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
}

/**
 * Account erasure: every message to or about the person, pending or sent,
 * goes — by the account it names and by the person's address (mail queued
 * before messages named their account, or by code that did not say).
 */
export async function eraseOutboxForUser(trx: DbOrTrx, userId: string) {
  const user = await trx.selectFrom("app_user").select("email").where("id", "=", userId).executeTakeFirst();
  await trx
    .deleteFrom("outbox_message")
    .where((eb) => {
      const byAccount = eb("user_id", "=", userId);
      return user?.email ? eb.or([byAccount, eb(eb.fn("lower", ["to_address"]), "=", user.email.toLowerCase())]) : byAccount;
    })
    .execute();
}
