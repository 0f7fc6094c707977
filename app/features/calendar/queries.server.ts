import type { DbOrTrx } from "../../lib/db.server";

/** One feed per person: a new one replaces the token (the old URL stops working). */
export async function saveFeedToken(db: DbOrTrx, userId: string, tokenHash: string) {
  await db
    .insertInto("calendar_feed")
    .values({ user_id: userId, token_hash: tokenHash })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ token_hash: tokenHash, created_at: new Date() }))
    .execute();
}

export async function deleteFeed(db: DbOrTrx, userId: string) {
  await db.deleteFrom("calendar_feed").where("user_id", "=", userId).execute();
}

export function findFeedOf(db: DbOrTrx, userId: string) {
  return db.selectFrom("calendar_feed").select("created_at").where("user_id", "=", userId).executeTakeFirst();
}

/** The person a feed token belongs to, with what the feed needs to be written. */
export function findFeedOwner(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom("calendar_feed")
    .innerJoin("app_user", "app_user.id", "calendar_feed.user_id")
    .select(["app_user.id", "app_user.first_name", "app_user.locale", "app_user.disabled_at"])
    .where("calendar_feed.token_hash", "=", tokenHash)
    .executeTakeFirst();
}
