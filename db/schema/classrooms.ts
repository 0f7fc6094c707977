import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** A live virtual class, held in a LiveKit room named `room_name`. */
export interface ClassroomTable {
  id: Generated<string>;
  title: string;
  description: string | null;
  /** Same-site path of a linked course, lesson or path step. */
  linked_path: string | null;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  /** Null once the host's account was deleted. */
  host_id: string | null;
  created_by: string | null;
  recording_enabled: Generated<boolean>;
  room_name: string;
  /** RFC 5545 SEQUENCE: bumped when the class changes or is cancelled. */
  sequence: Generated<number>;
  cancelled_at: Date | null;
  /** Set when a host ends the class (the LiveKit room is deleted). */
  ended_at: Date | null;
  room_started_at: Date | null;
  room_finished_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ClassroomCohostTable {
  classroom_id: string;
  user_id: string;
}

export interface ClassroomRegistrationTable {
  classroom_id: string;
  user_id: string;
  registered_by: string | null;
  registered_at: Generated<Date>;
  /** A host gave this learner the floor: join tokens carry canPublish while it is true. */
  can_speak: Generated<boolean>;
  /** Removed by a moderator: no new token, and LiveKit refuses the tokens issued before. */
  removed_at: Date | null;
  removed_by: string | null;
  reminded_at: Date | null;
}

/** Every LiveKit webhook handled, by event id: a redelivered event is recognised and skipped. */
export interface ClassroomWebhookEventTable {
  id: string;
  event: string;
  room_name: string | null;
  created_at: Date | null;
  received_at: Generated<Date>;
}

/** One connection of a participant (LiveKit participant sid): joined_at → left_at. */
export interface ClassroomPresenceTable {
  id: Generated<string>;
  classroom_id: string;
  user_id: string;
  participant_sid: string;
  joined_at: Date | null;
  left_at: Date | null;
}

export type RecordingStatus = "active" | "complete" | "failed";

export interface ClassroomRecordingTable {
  id: Generated<string>;
  classroom_id: string;
  egress_id: string;
  status: ColumnType<RecordingStatus, RecordingStatus | undefined, RecordingStatus>;
  /** Key in our file storage (app/lib/storage.server.ts) where egress writes the file. */
  file_key: string;
  location: string | null;
  /** bigint: read back as a string by the drivers. */
  size_bytes: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  duration_ms: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  error: string | null;
  started_by: string | null;
  started_at: Generated<Date>;
  ended_at: Date | null;
}

export interface ClassroomsTables {
  classroom: ClassroomTable;
  classroom_cohost: ClassroomCohostTable;
  classroom_registration: ClassroomRegistrationTable;
  classroom_webhook_event: ClassroomWebhookEventTable;
  classroom_presence: ClassroomPresenceTable;
  classroom_recording: ClassroomRecordingTable;
}

export type Classroom = Selectable<ClassroomTable>;
export type NewClassroom = Insertable<ClassroomTable>;
export type ClassroomRegistration = Selectable<ClassroomRegistrationTable>;
export type ClassroomPresence = Selectable<ClassroomPresenceTable>;
export type ClassroomRecording = Selectable<ClassroomRecordingTable>;
