import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export type BookingStatus = "confirmed" | "waitlisted" | "cancelled";

/** A mediator-led workshop, in a relay space or remote (exactly one of the two). */
export interface WorkshopTable {
  id: Generated<string>;
  title: string;
  description: string | null;
  /** Codes of the national `thematique` list, at least one. */
  themes: string[];
  /** `niveau_atelier`: debutant | intermediaire | avance */
  level: string;
  relay_space_id: string | null;
  is_remote: ColumnType<boolean, boolean | undefined, boolean>;
  starts_at: Date;
  ends_at: Date;
  seats: number;
  equipment_to_bring: string | null;
  created_by: string | null;
  cancelled_at: Date | null;
  /** RFC 5545 SEQUENCE, bumped on every change so calendars update the event. */
  sequence: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WorkshopMediatorTable {
  workshop_id: string;
  user_id: string;
}

export interface BookingTable {
  id: Generated<string>;
  workshop_id: string;
  user_id: string;
  status: BookingStatus;
  /** The person who made the booking: the learner, or a mediator on their behalf. */
  booked_by: string | null;
  /** Time the booking got the workshop's lock: the waitlist is served in this order (then id). */
  created_at: Generated<Date>;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  /** Seated by a mediator at check-in, with confirmation, when every seat was already taken. */
  over_capacity: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AttendanceTable {
  workshop_id: string;
  user_id: string;
  checked_in_at: Generated<Date>;
  checked_in_by: string | null;
  walk_in: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CalendarFeedTable {
  user_id: string;
  /** SHA-256 of the secret in the feed URL. */
  token_hash: string;
  created_at: Generated<Date>;
}

export interface WorkshopsTables {
  workshop: WorkshopTable;
  workshop_mediator: WorkshopMediatorTable;
  booking: BookingTable;
  attendance: AttendanceTable;
  calendar_feed: CalendarFeedTable;
}

export type Workshop = Selectable<WorkshopTable>;
export type NewWorkshop = Insertable<WorkshopTable>;
export type Booking = Selectable<BookingTable>;
export type Attendance = Selectable<AttendanceTable>;
