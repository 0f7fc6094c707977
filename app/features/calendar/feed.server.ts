import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { publicUrl } from "../../lib/public-url.server";
import { serverT } from "../../lib/i18n.server";
import { buildCalendar } from "../../lib/ics.server";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { calendarSources } from "../../lib/modules.server";

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
  await db
    .insertInto("calendar_feed")
    .values({ user_id: user.id, token_hash: hashToken(token) })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ token_hash: hashToken(token), created_at: new Date() }))
    .execute();
  return `${publicUrl()}/calendrier/${token}.ics`;
}

export async function revokeFeed(db: Db, user: User) {
  await db.deleteFrom("calendar_feed").where("user_id", "=", user.id).execute();
}

export async function feedStatus(db: Db, user: User) {
  const row = await db.selectFrom("calendar_feed").select("created_at").where("user_id", "=", user.id).executeTakeFirst();
  return row ? { active: true, createdAt: row.created_at } : { active: false, createdAt: null };
}

/** The feed's body for the token of the feed URL (calendrier/<token>.ics), or null for an unknown or revoked token. */
export async function personalFeedIcs(db: Db, token: string, now = new Date()) {
  const match = /^([a-z0-9]{20,64})$/.exec(token);
  if (!match) return null;
  const owner = await db
    .selectFrom("calendar_feed")
    .innerJoin("app_user", "app_user.id", "calendar_feed.user_id")
    .select(["app_user.id", "app_user.first_name", "app_user.locale", "app_user.disabled_at"])
    .where("calendar_feed.token_hash", "=", hashToken(match[1]!))
    .executeTakeFirst();
  if (!owner || owner.disabled_at) return null;
  const from = new Date(now.getTime() - FEED_LOOKBACK_MS);
  const events = (await Promise.all(calendarSources().map((source) => source(db, owner.id, { from, locale: owner.locale })))).flat();
  events.sort((a, b) => a.start.getTime() - b.start.getTime());
  return buildCalendar(serverT(owner.locale)("workshops:ics.feed_name", { name: owner.first_name }), events);
}
