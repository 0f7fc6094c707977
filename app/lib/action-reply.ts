import type { SubmissionResult } from "@conform-to/react";

/** What a form action answers when it does not redirect (app/lib/actions.server.ts). */
export interface ActionReply<T = unknown> extends SubmissionResult<string[]> {
  /** Which of the page's forms posted: the value of its `intent` field, or "". */
  form: string;
  /** Interpolation values for the form-level message. */
  values?: Record<string, string | number>;
  /** What a successful form hands back to the page (e.g. a card to print). */
  data?: T;
}
