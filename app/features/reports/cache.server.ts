import { createHash } from "node:crypto";
import type { DbOrTrx } from "../../lib/db.server";
import { resources } from "../../locales/resources";
import { computeDashboard, type ComputeOptions } from "./compute.server";
import type { DashboardData } from "./dashboard-types";
import { AUDIENCES, AXES, FIGURES } from "./indicators";
import * as q from "./queries.server";
import { availableSources } from "./refresh.server";
import { defaultPeriod } from "./period";
import { SUPPORTED_LANGUAGES } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";

/**
 * Dashboard views stored in the database for one version of the aggregates.
 * The version changes whenever a refresh changes something, a relay space
 * changes (the live figures), a source appears, or the definitions and
 * labels change with a new release. Shared by every process: nothing is
 * kept in memory (docs/decisions: monthly aggregates).
 */
type Computed = DashboardData;

const sha = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 32);

let definitions: Record<string, string> | undefined;
function definitionsHash(locale: string) {
  definitions ??= {};
  definitions[locale] ??= sha({ AXES, FIGURES, labels: (resources as Record<string, { reports: unknown }>)[locale]?.reports, format: 1 });
  return definitions[locale]!;
}

async function currentVersion(db: DbOrTrx, locale: string) {
  const [{ states, spaces }, sources] = await Promise.all([q.dashboardVersionInputs(db), availableSources(db)]);
  const names = sources.map((s) => s.name);
  const version = sha({
    changed: states.map((s) => [s.source, new Date(s.changed_at).toISOString(), s.last_error]),
    spaces,
    sources: names,
    definitions: definitionsHash(locale),
  });
  const refreshed = states.filter((s) => s.refreshed_at && names.includes(s.source)).map((s) => new Date(s.refreshed_at!).getTime());
  return { version, updatedAt: refreshed.length ? new Date(Math.min(...refreshed)).toISOString() : null };
}

/** The dashboard and its filter options, or their stored copy when the aggregates have not changed since. */
export async function cachedDashboard(db: DbOrTrx, o: Omit<ComputeOptions, "charts">): Promise<Computed & { cached: boolean }> {
  const key = sha({ period: o.period, filters: Object.entries(o.filters).filter(([, v]) => v).sort(), locale: o.locale });
  const { version, updatedAt } = await currentVersion(db, o.locale);
  const hit = await q.storedDashboard(db, key, version);
  if (hit) return { ...(JSON.parse(hit.data) as Computed), updatedAt, cached: true };
  const [computed, spaces, communes] = await Promise.all([computeDashboard(db, { ...o, charts: true }), q.listSpaces(db), q.knownCommunes(db)]);
  const data: Computed = {
    ...computed,
    options: { spaces: spaces.map((s) => ({ id: s.id, name: s.name })), communes, audiences: AUDIENCES },
  };
  await q.storeDashboard(db, key, version, JSON.stringify(data));
  return { ...data, updatedAt, cached: false };
}

/** Views of older versions are never read again; the refresh job clears them. */
export async function pruneDashboardCache(db: DbOrTrx, olderThan = new Date(Date.now() - 60 * 60 * 1000)) {
  return q.deleteStoredDashboards(db, olderThan);
}

/**
 * Computes the view coordinators open first (the last twelve months, no
 * filter) in every language, so that it is ready before anyone asks: run by
 * the refresh job right after the aggregates change. A view already stored
 * for the current version costs three small reads.
 */
export async function warmDefaultDashboards(db: DbOrTrx, now = new Date()) {
  for (const locale of SUPPORTED_LANGUAGES) {
    await cachedDashboard(db, { period: defaultPeriod(now), filters: {}, t: serverT(locale), locale });
  }
}
