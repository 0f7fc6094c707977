import { AsyncLocalStorage } from "node:async_hooks";
import { isDatabaseUnavailable } from "./db-errors.server";

/**
 * What the HTTP layer needs to learn about a request from deep inside it,
 * without threading it through every service: whether the database was
 * unreachable at some point (the answer is then 503, not 500).
 */
export interface RequestState {
  databaseUnavailable: boolean;
}

export const requestState = new AsyncLocalStorage<RequestState>();

/** Notes a lost database on the current request, if there is one (jobs and scripts have none). */
export function noteDatabaseError(error: unknown) {
  if (!isDatabaseUnavailable(error)) return;
  const state = requestState.getStore();
  if (state) state.databaseUnavailable = true;
}
