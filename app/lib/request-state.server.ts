import { AsyncLocalStorage } from "node:async_hooks";
import type { LogEvent } from "kysely";
import { isDatabaseUnavailable } from "./db.server";

/**
 * What the HTTP layer needs to learn about a request from deep inside it,
 * without threading it through every service: whether a query failed because
 * the database was unreachable (the answer is then 503, not 500).
 */
export interface RequestState {
  databaseUnavailable: boolean;
}

export const requestState = new AsyncLocalStorage<RequestState>();

/** Kysely's log hook: notes a lost database on the current request, if any. */
export function noteQueryEvent(event: LogEvent) {
  if (event.level !== "error" || !isDatabaseUnavailable(event.error)) return;
  const state = requestState.getStore();
  if (state) state.databaseUnavailable = true;
}
