import { createHmac, timingSafeEqual } from "node:crypto";
import type { DbOrTrx } from "../../lib/db.server";
import * as q from "./queries.server";

/**
 * « Opened at », signed (decision 042). Opening a lesson writes nothing: the
 * page carries the time it was served, signed for this learner and this
 * lesson, in every form it posts (« J'ai terminé », and the H5P frame's
 * results). The completion then stores it as the lesson's `started_at`, which
 * decision 040's time rule reads. A value that does not verify (edited,
 * another learner's or another lesson's) or lies in the future is ignored —
 * the lesson then counts as opened when it was marked done, so no time; a
 * value older than a day counts as a day (the time rule caps each lesson at
 * two hours anyway).
 */
const TOKEN = /^(\d{13})\.([A-Za-z0-9_-]{43})$/;
/** Replicas' clocks may differ by a little; more than this ahead is a forged value. */
const CLOCK_SKEW_MS = 60_000;
export const OPENED_AT_MAX_AGE_MS = 24 * 3600 * 1000;

const keys = new WeakMap<object, Buffer>();

async function signingKey(db: DbOrTrx): Promise<Buffer> {
  const known = keys.get(db);
  if (known) return known;
  const key = await q.findSigningKey(db);
  keys.set(db, key);
  return key;
}

const sign = (key: Buffer, userId: string, lessonId: string, ms: number) =>
  createHmac("sha256", key).update(`lesson-opened\n${userId.toLowerCase()}\n${lessonId.toLowerCase()}\n${ms}`).digest("base64url");

export async function signOpenedAt(db: DbOrTrx, userId: string, lessonId: string, at = new Date()) {
  const ms = at.getTime();
  return `${ms}.${sign(await signingKey(db), userId, lessonId, ms)}`;
}

/** When the lesson was opened, if `token` says so truthfully; null otherwise. */
export async function verifiedOpenedAt(db: DbOrTrx, token: string | null | undefined, userId: string, lessonId: string, now = new Date()) {
  const match = token ? TOKEN.exec(token) : null;
  if (!match) return null;
  const ms = Number(match[1]);
  const expected = Buffer.from(sign(await signingKey(db), userId, lessonId, ms));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (ms > now.getTime() + CLOCK_SKEW_MS) return null;
  return new Date(Math.min(now.getTime(), Math.max(ms, now.getTime() - OPENED_AT_MAX_AGE_MS)));
}
