import type { User } from "../../../db/schema/accounts";
import type { EmailMode } from "../../../db/schema/notifications";
import type { DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { queueMail } from "../../lib/mail.server";
import { can } from "../../lib/permissions";
import { notificationMail } from "./mail.server";
import * as q from "./queries.server";
import type { NotificationTarget } from "./targets";

export type NotificationKind =
  | "question_answered"
  | "question_asked"
  | "workshop_booked"
  | "workshop_promoted"
  | "workshop_cancelled"
  | "badge_earned"
  | "class_starting"
  | "job_interest"
  | "job_answer"
  | "job_offer_match";

export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  /** i18n key (`namespace:key`) of the one-line message, and its values. */
  messageKey: string;
  values?: Record<string, string>;
  target: NotificationTarget;
  /** Same key twice → one notification (a retried request, a job run twice). */
  dedupeKey?: string;
  /**
   * The calling domain already mails this event itself, with what only it
   * can attach (a workshop's .ics): the notification is in-app only.
   */
  mailedByCaller?: boolean;
}

/**
 * Tells a person something happened: one row in their list, and an e-mail
 * now, in tonight's digest or never, as they chose. Call it with the
 * caller's transaction, so the notification exists exactly when the event
 * does. Returns false when the dedupe key had already been used.
 */
export async function notify(db: DbOrTrx, input: NotificationInput): Promise<boolean> {
  const params = input.target.hash ? { ...input.target.params, "#": input.target.hash } : (input.target.params ?? {});
  const inserted = await q.insertNotification(db, {
    user_id: input.userId,
    kind: input.kind,
    message_key: input.messageKey,
    message_values: input.values ?? {},
    route: input.target.route,
    route_params: params,
    dedupe_key: input.dedupeKey ?? null,
  });
  if (!inserted || input.mailedByCaller) return !!inserted;
  const recipient = await q.findRecipient(db, input.userId);
  const mode = mailModeFor(recipient);
  if (mode === "immediate" && recipient?.email) {
    const mail = notificationMail(recipient.locale, recipient.first_name, [{ message_key: input.messageKey, message_values: input.values ?? {}, route: input.target.route, route_params: params }]);
    await queueMail(db, { to: recipient.email, ...mail, locale: recipient.locale, dedupeKey: `notification:${inserted.id}`, userId: input.userId });
    await q.setMailState(db, [inserted.id], "sent");
  } else if (mode === "digest") {
    await q.setMailState(db, [inserted.id], "pending");
  }
  return true;
}

/**
 * Whether a domain that mails an event itself (a booking with its .ics, a
 * class reminder) may mail this person: not someone who chose 'never'.
 */
export async function mayMail(db: DbOrTrx, userId: string) {
  return mailModeFor(await q.findRecipient(db, userId)) !== "never";
}

/** Nobody without an address, suspended, or who chose 'never' is mailed. */
export function mailModeFor(recipient: { email: string | null; disabled_at: Date | null; email_mode: EmailMode } | undefined): EmailMode {
  if (!recipient?.email || recipient.disabled_at) return "never";
  return recipient.email_mode;
}

function requireReader(user: User) {
  if (!can(user, "read:notification:own")) throw appError(403, "forbidden", "notifications:errors.forbidden");
}

/** « Mes notifications »: the latest 100, newest first, with the unread count. */
export async function listMyNotifications(db: DbOrTrx, user: User) {
  requireReader(user);
  const [items, unread] = await Promise.all([q.listNotifications(db, user.id, 100), q.countUnread(db, user.id)]);
  return { items, unread };
}

/** The header's count: one indexed count (notification_unread_idx). */
export async function unreadNotificationCount(db: DbOrTrx, user: Pick<User, "id" | "role"> | null) {
  if (!user || !can(user, "read:notification:own")) return 0;
  return q.countUnread(db, user.id);
}

/** Marks one of the person's notifications read; someone else's is a 404, never a hint it exists. */
export async function markNotificationRead(db: DbOrTrx, user: User, id: string) {
  requireReader(user);
  if (!(await q.findNotificationOf(db, user.id, id))) throw appError(404, "not_found", "notifications:errors.not_found");
  await q.markRead(db, user.id, [id]);
}

export async function markAllNotificationsRead(db: DbOrTrx, user: User) {
  requireReader(user);
  return q.markRead(db, user.id, "all");
}

export async function getNotificationSettings(db: DbOrTrx, user: User) {
  if (!can(user, "update:notification_preference:own")) throw appError(403, "forbidden", "notifications:errors.forbidden");
  const recipient = await q.findRecipient(db, user.id);
  return { emailMode: recipient?.email_mode ?? "immediate", hasEmail: !!recipient?.email };
}

export async function setEmailMode(db: DbOrTrx, user: User, mode: EmailMode) {
  if (!can(user, "update:notification_preference:own")) throw appError(403, "forbidden", "notifications:errors.forbidden");
  await q.upsertPreference(db, user.id, mode);
}
