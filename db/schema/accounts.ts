import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Role = "learner" | "mediator" | "teacher" | "coordinator" | "partner";

export interface AppUserTable {
  id: Generated<string>;
  /** Lower-cased; null for assisted accounts of people without an address. */
  email: string | null;
  password_hash: string | null;
  first_name: string;
  last_name: string | null;
  role: ColumnType<Role, Role | undefined, Role>;
  locale: ColumnType<"fr" | "en", "fr" | "en" | undefined, "fr" | "en">;
  large_text: ColumnType<boolean, boolean | undefined, boolean>;
  high_contrast: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Set while the account is suspended (sign-in refused, data kept). */
  disabled_at: Date | null;
  suspended_by: string | null;
  /** Learner profile in the national codes (tranche_age), set for assisted accounts (workshops migration). */
  age_band: string | null;
  commune: string | null;
  commune_insee: string | null;
  /** seniors | jeunes | demandeurs_emploi | entrepreneurs | autre */
  audience: string | null;
}

export interface SessionTable {
  /** SHA-256 of the token, hex: the token itself never reaches the database. */
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  /** Sliding: pushed back on activity, never past absolute_expires_at. */
  expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** One row per throttled key: attempts in the window that started at window_started_at. */
export interface ThrottleCounterTable {
  throttle_key: string;
  window_started_at: Generated<Date>;
  attempts: number;
}

export interface PasswordResetTokenTable {
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

/** A staff member invited by e-mail: the link's token is stored only as its hash, used once. */
export interface StaffInvitationTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  first_name: string;
  role: ColumnType<Exclude<Role, "learner">, Exclude<Role, "learner">, never>;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
  user_id: string | null;
  /** The language of the mail, kept to send it again in the same one. */
  locale: ColumnType<"fr" | "en", "fr" | "en" | undefined, "fr" | "en">;
  /** Cancelled by a coordinator, or replaced by a newer link (replaced_by): the link answers 410. */
  cancelled_at: Date | null;
  cancelled_by: string | null;
  replaced_by: string | null;
  /** For the role « partner »: the organisation the person will act for (issue 20). */
  partner_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface AccountsTables {
  app_user: AppUserTable;
  session: SessionTable;
  throttle_counter: ThrottleCounterTable;
  password_reset_token: PasswordResetTokenTable;
  staff_invitation: StaffInvitationTable;
}

export type User = Selectable<AppUserTable>;
export type NewUser = Insertable<AppUserTable>;
export type UserUpdate = Updateable<AppUserTable>;
export type Session = Selectable<SessionTable>;
export type StaffInvitation = Selectable<StaffInvitationTable>;
