import type { Generated, Selectable } from "kysely";

export interface OutboxMessageTable {
  id: Generated<string>;
  /** Optional: queuing the same key twice keeps one message (retried requests). */
  dedupe_key: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<"pending" | "sent" | "dead">;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  /** A worker that claimed the row owns it until then; a crashed worker's lease lapses. */
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
}

/** When each periodic job last started anywhere (claimed by one conditional upsert). */
export interface JobRunTable {
  job_name: string;
  last_started_at: Date;
}

export interface PlatformTables {
  outbox_message: OutboxMessageTable;
  job_run: JobRunTable;
}

export type OutboxMessage = Selectable<OutboxMessageTable>;
