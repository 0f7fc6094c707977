import type { DbOrTrx } from "../../lib/db.server";
import type { SourceWarning } from "./dashboard-types";
import * as q from "./queries.server";
import { availableSources } from "./refresh.server";

/**
 * The refresh job runs every five minutes: a source not refreshed for an
 * hour (twelve runs missed) is stale even if nothing failed — the job
 * itself may not be running.
 */
export const STALE_AFTER_MS = 60 * 60 * 1000;


/**
 * Sources whose figures coordinators should not trust as current: the last
 * refresh failed, it never succeeded, or it is older than STALE_AFTER_MS.
 * Read on every dashboard view (not from the cached view): staleness
 * depends on the clock.
 */
export async function staleSources(db: DbOrTrx, now = new Date()): Promise<SourceWarning[]> {
  const [states, sources] = await Promise.all([q.sourceStates(db), availableSources(db)]);
  const byName = new Map(states.map((s) => [s.source, s]));
  const warnings: SourceWarning[] = [];
  for (const { name } of sources) {
    const state = byName.get(name);
    if (!state) continue; // never run yet: the dashboard already says "never updated"
    const refreshedAt = state.refreshed_at ? new Date(state.refreshed_at) : null;
    const stale = !refreshedAt || now.getTime() - refreshedAt.getTime() > STALE_AFTER_MS;
    if (!state.last_error && !stale) continue;
    warnings.push({
      source: name,
      refreshedAt: refreshedAt?.toISOString() ?? null,
      failedAt: state.last_error && state.failed_at ? new Date(state.failed_at).toISOString() : null,
      errorRef: state.last_error ? state.error_ref : null,
    });
  }
  return warnings;
}
