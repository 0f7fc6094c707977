import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export type AppointmentMode = "place" | "phone" | "video";
export type AppointmentStatus = "booked" | "cancelled" | "attended" | "no_show";

/** A window a mediator or coach opens for one-to-one help, cut into slots. */
export interface AppointmentAvailabilityTable {
  id: Generated<string>;
  mediator_id: string | null;
  /** Set exactly when mode is "place". */
  relay_space_id: string | null;
  mode: AppointmentMode;
  /** Reason codes (REASONS in app/features/appointments/reasons.ts). */
  reasons: string[];
  starts_at: Date;
  ends_at: Date;
  slot_minutes: number;
  created_at: Generated<Date>;
}

export interface AppointmentSlotTable {
  id: Generated<string>;
  availability_id: string;
  mediator_id: string | null;
  relay_space_id: string | null;
  mode: AppointmentMode;
  reasons: string[];
  starts_at: Date;
  ends_at: Date;
  /** The mediator took the slot back (no appointment on it). */
  withdrawn_at: Date | null;
}

/** A slot held by a person; at most one live (not cancelled) per slot, by a unique index. */
export interface AppointmentTable {
  id: Generated<string>;
  slot_id: string;
  user_id: string;
  reason: string;
  status: ColumnType<AppointmentStatus, AppointmentStatus | undefined, AppointmentStatus>;
  booked_by: string | null;
  /** Where SMS reminders go when the person has no e-mail address. */
  contact_phone: string | null;
  created_at: Generated<Date>;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  /** When and by whom attended / no-show was recorded. */
  marked_at: Date | null;
  marked_by: string | null;
  rescheduled_to: string | null;
  /** RFC 5545 SEQUENCE: bumped when the appointment is cancelled, so calendars update it. */
  sequence: Generated<number>;
}

/** A person waiting for a reason at a place (null: by phone or video). */
export interface AppointmentWaitlistTable {
  id: Generated<string>;
  user_id: string;
  reason: string;
  relay_space_id: string | null;
  contact_phone: string | null;
  created_at: Generated<Date>;
  offered_slot_id: string | null;
  offered_at: Date | null;
  /** They booked, or left the list. */
  closed_at: Date | null;
}

/** The SMS outbox: written in the caller's transaction, sent by a job (app/lib/sms.server.ts). */
export interface SmsMessageTable {
  id: Generated<string>;
  to_number: string;
  body: string;
  dedupe_key: string | null;
  user_id: string | null;
  status: ColumnType<"pending" | "sent" | "dead", "pending" | "sent" | "dead" | undefined, "pending" | "sent" | "dead">;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface AppointmentsTables {
  appointment_availability: AppointmentAvailabilityTable;
  appointment_slot: AppointmentSlotTable;
  appointment: AppointmentTable;
  appointment_waitlist: AppointmentWaitlistTable;
  sms_message: SmsMessageTable;
}

export type AppointmentSlot = Selectable<AppointmentSlotTable>;
export type Appointment = Selectable<AppointmentTable>;
export type NewAppointmentAvailability = Insertable<AppointmentAvailabilityTable>;
