import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export type EmailMode = "immediate" | "digest" | "never";
export type MailState = "none" | "pending" | "sent";
type Json<T> = ColumnType<T, T | undefined, T>;

/** Something that happened for a person: shown in « Mes notifications », mailed per their preference. */
export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  /** i18n key (`namespace:key`) and its values: the text is made in the reader's language. */
  message_key: string;
  message_values: Json<Record<string, string>>;
  /** A route pattern of the app ("/badges/:id") and its parameters, never a built URL. */
  route: string;
  route_params: Json<Record<string, string>>;
  mail_state: ColumnType<MailState, MailState | undefined, MailState>;
  /** Same key twice → one notification (a retried request does not notify twice). */
  dedupe_key: string | null;
  read_at: Date | null;
  created_at: Generated<Date>;
}

/** No row: e-mail immediately (when the person has an address). */
export interface NotificationPreferenceTable {
  user_id: string;
  email_mode: EmailMode;
  updated_at: Generated<Date>;
}

export interface NotificationsTables {
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
}

export type Notification = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;
