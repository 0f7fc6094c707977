import type { ColumnType, Generated, Selectable } from "kysely";

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text content (calendars, CSV); binary files are not queued. */
  content: string;
}

export interface OutboxMessageTable {
  id: Generated<string>;
  /** Optional: queuing the same key twice keeps one message (retried requests). */
  dedupe_key: string | null;
  to_address: string;
  /** The account the message is to or about: erasing it deletes the message (ON DELETE CASCADE). */
  user_id: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** Small files sent with the message (a booking's .ics), as text. */
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
  status: Generated<"pending" | "sent" | "dead">;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  /** A worker that claimed the row owns it until then; a crashed worker's lease lapses. */
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
}

/** What an upload holds in the file storage, counted against its owner's and its course's quotas. */
export interface StoredObjectTable {
  /** The storage key, or the prefix of an extracted H5P activity. */
  key: string;
  kind: "course_image" | "h5p_content" | "team_file";
  owner_id: string | null;
  course_id: string | null;
  /** bigint: postgres.js returns it as a string. */
  byte_size: ColumnType<string, number, number>;
  file_count: number;
  created_at: Generated<Date>;
}

/** When each periodic job last started anywhere (claimed by one conditional upsert). */
export interface JobRunTable {
  job_name: string;
  last_started_at: Date;
}

/** One row: the version of what visitors' pages show, bumped by triggers (decision 049). */
export interface DataVersionTable {
  id: Generated<boolean>;
  /** bigint, read as a string. */
  version: ColumnType<string, number, number>;
}

export interface PlatformTables {
  data_version: DataVersionTable;
  outbox_message: OutboxMessageTable;
  stored_object: StoredObjectTable;
  job_run: JobRunTable;
}

export type OutboxMessage = Selectable<OutboxMessageTable>;
