import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DbOrTrx } from "../../lib/db.server";
import * as q from "./queries.server";

/**
 * Short-lived addresses for a content's files. The player frame runs with an
 * opaque origin (decision 029): it sends no cookie, so the address itself
 * says "a signed-in person opened this activity recently". The signature
 * covers the content id and an expiry rounded up to the hour, so the
 * address stays the same — and cacheable — for an hour of frame loads.
 */
export const CONTENT_TOKEN_HOURS = 12;
const TOKEN = /^(\d{10})-([A-Za-z0-9_-]{43})$/;

const keys = new WeakMap<object, Buffer>();

async function urlKey(db: DbOrTrx): Promise<Buffer> {
  const known = keys.get(db);
  if (known) return known;
  await q.insertUrlKeyOnce(db, randomBytes(32));
  const key = await q.findUrlKey(db);
  keys.set(db, key);
  return key;
}

const sign = (key: Buffer, contentId: string, expires: number) =>
  createHmac("sha256", key).update(`h5p-content-files\n${contentId.toLowerCase()}\n${expires}`).digest("base64url");

export async function contentToken(db: DbOrTrx, contentId: string, now = Date.now()) {
  const expires = Math.ceil((now / 1000 + CONTENT_TOKEN_HOURS * 3600) / 3600) * 3600;
  return `${expires}-${sign(await urlKey(db), contentId, expires)}`;
}

export async function isValidContentToken(db: DbOrTrx, contentId: string, token: string, now = Date.now()) {
  const match = TOKEN.exec(token);
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 < now || expires * 1000 > now + (CONTENT_TOKEN_HOURS + 1) * 3600 * 1000) return false;
  const expected = Buffer.from(sign(await urlKey(db), contentId, expires));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
