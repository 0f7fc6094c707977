import { sql } from "kysely";
import type { EmailMode, MailState, NewNotification } from "../../../db/schema/notifications";
import type { DbOrTrx } from "../../lib/db.server";

export function insertNotification(db: DbOrTrx, row: NewNotification) {
  return db
    .insertInto("notification")
    .values(row)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning(["id", "created_at"])
    .executeTakeFirst();
}

export async function setMailState(db: DbOrTrx, ids: string[], state: MailState) {
  if (ids.length === 0) return;
  await db.updateTable("notification").set({ mail_state: state }).where("id", "in", ids).execute();
}

/** The person's address, language and e-mail choice (immediately when never set). */
export function findRecipient(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("app_user")
    .leftJoin("notification_preference as p", "p.user_id", "app_user.id")
    .select(["app_user.id", "app_user.email", "app_user.first_name", "app_user.locale", "app_user.disabled_at", sql<EmailMode>`coalesce(p.email_mode, 'immediate')`.as("email_mode")])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
}

export function listNotifications(db: DbOrTrx, userId: string, limit: number) {
  return db
    .selectFrom("notification")
    .select(["id", "kind", "message_key", "message_values", "route", "route_params", "read_at", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function countUnread(db: DbOrTrx, userId: string) {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks read the person's own notifications only; returns how many changed. */
export async function markRead(db: DbOrTrx, userId: string, ids: string[] | "all") {
  let query = db.updateTable("notification").set({ read_at: sql`now()` }).where("user_id", "=", userId).where("read_at", "is", null);
  if (ids !== "all") query = query.where("id", "in", ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findNotificationOf(db: DbOrTrx, userId: string, id: string) {
  return db.selectFrom("notification").select("id").where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
}

export async function upsertPreference(db: DbOrTrx, userId: string, mode: EmailMode) {
  await db
    .insertInto("notification_preference")
    .values({ user_id: userId, email_mode: mode })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ email_mode: mode, updated_at: sql`now()` }))
    .execute();
}

/** People with notifications waiting for the digest that were made before `before`. */
export async function usersWithPendingDigest(db: DbOrTrx, before: Date) {
  const rows = await db
    .selectFrom("notification")
    .select("user_id")
    .distinct()
    .where("mail_state", "=", "pending")
    .where("created_at", "<", before)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Locks one person's waiting notifications (another worker's digest skips them). */
export function lockPendingDigest(db: DbOrTrx, userId: string, before: Date) {
  return db
    .selectFrom("notification")
    .select(["id", "message_key", "message_values", "route", "route_params", "created_at"])
    .where("user_id", "=", userId)
    .where("mail_state", "=", "pending")
    .where("created_at", "<", before)
    .orderBy("created_at")
    .forUpdate()
    .skipLocked()
    .execute();
}

export function notificationsForExport(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("notification")
    .select(["kind", "message_key", "message_values", "read_at", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

export function preferenceForExport(db: DbOrTrx, userId: string) {
  return db.selectFrom("notification_preference").select(["email_mode", "updated_at"]).where("user_id", "=", userId).executeTakeFirst();
}
