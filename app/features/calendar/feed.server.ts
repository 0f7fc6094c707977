import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { publicUrl } from "../../lib/public-url.server";
import { serverT } from "../../lib/i18n.server";
import { buildCalendar } from "../../lib/ics.server";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { calendarSources } from "../../lib/modules.server";
import * as q from "./queries.server";

const DAY = 24 * 60 * 60 * 1000;
/** How far back the feed goes (recent events stay visible in calendar apps). */
export const FEED_LOOKBACK_MS = 30 * DAY;

/**
 * A personal calendar feed: a secret URL (`/calendrier/<token>.ics`) the
 * person pastes into their calendar app. Only the token's hash is stored, so
 * the URL is shown once; making a new one or revoking it kills the old one.
 */
export async function createFeed(db: Db, user: User) {
  const token = generateToken();
  await q.saveFeedToken(db, user.id, hashToken(token));
  return `${publicUrl()}/calendrier/${token}.ics`;
}

export async function revokeFeed(db: Db, user: User) {
  await q.deleteFeed(db, user.id);
}

export async function feedStatus(db: Db, user: User) {
  const row = await q.findFeedOf(db, user.id);
  return row ? { active: true, createdAt: row.created_at } : { active: false, createdAt: null };
}

/** The feed's body for the token of the feed URL (calendrier/<token>.ics), or null for an unknown or revoked token. */
export async function personalFeedIcs(db: Db, token: string, now = new Date()) {
  const match = /^([a-z0-9]{20,64})$/.exec(token);
  if (!match) return null;
  const owner = await q.findFeedOwner(db, hashToken(match[1]!));
  if (!owner || owner.disabled_at) return null;
  const from = new Date(now.getTime() - FEED_LOOKBACK_MS);
  const events = (await Promise.all(calendarSources().map((source) => source(db, owner.id, { from, locale: owner.locale })))).flat();
  events.sort((a, b) => a.start.getTime() - b.start.getTime());
  return buildCalendar(serverT(owner.locale)("workshops:ics.feed_name", { name: owner.first_name }), events);
}
