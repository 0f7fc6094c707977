import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { lockKey } from "../../lib/jobs.server";
import { logger } from "../../lib/logger.server";
import { badgesSource, diagnosticsSource, pathChoicesSource } from "./sources/badges.server";
import { classroomsSource } from "./sources/classrooms.server";
import { coursesSource } from "./sources/courses.server";
import { mediationSource } from "./sources/mediation.server";
import * as q from "./queries.server";
import type { StatsSource } from "./sources/source";
import type { Months, Trx } from "./sources/sql.server";
import { workshopsSource } from "./sources/workshops.server";
import { xapiSource } from "./sources/xapi.server";

/** Every source of indicators. A source whose tables are missing is skipped. */
export const SOURCES: readonly StatsSource[] = [
  mediationSource,
  workshopsSource,
  classroomsSource,
  coursesSource,
  xapiSource,
  badgesSource,
  diagnosticsSource,
  pathChoicesSource,
];

/** A full rebuild also catches what incremental runs cannot see (hard deletes, profile changes). */
export const FULL_REBUILD_EVERY_MS = 24 * 60 * 60 * 1000;
/** Rows committed by a transaction that began before the last watermark are still picked up. */
const WATERMARK_OVERLAP_MS = 10 * 60 * 1000;

export async function availableSources(db: DbOrTrx): Promise<StatsSource[]> {
  const tables = [...new Set(SOURCES.flatMap((s) => s.tables))];
  const { rows } = await sql<{ name: string }>`
    select t.name from unnest(${sql.val(tables)}::text[]) as t(name) where to_regclass('public.' || t.name) is not null`.execute(db);
  const present = new Set(rows.map((r) => r.name));
  return SOURCES.filter((s) => s.tables.every((t) => present.has(t)));
}

export interface SourceRefresh {
  source: string;
  mode: "full" | "incremental";
  months: number;
  ms: number;
  error?: string;
  errorRef?: string;
}

async function clear(trx: Trx, source: StatsSource, months: Months) {
  // Rewritten rows: the caller writes the months back right after, in the same transaction.
  const inMonths = months === null ? sql`true` : sql`month = any(${sql.val(months)}::date[])`;
  if (source.counts.length) {
    await sql`delete from stats_monthly where indicator = any(${sql.val([...source.counts])}::text[]) and ${inMonths}`.execute(trx);
  }
  if (source.people.length) {
    const people = sql`indicator = any(${sql.val([...source.people])}::text[])`;
    if (months === null) {
      await sql`delete from stats_people where ${people}`.execute(trx);
    } else {
      // Take the recomputed months out of each person's set: rows with nothing else go.
      const set = sql`${sql.val(months)}::date[]`;
      await sql`delete from stats_people where ${people} and months <@ ${set}`.execute(trx);
      await sql`update stats_people set months = array(select m from unnest(months) m where m <> all(${set}) order by m)
        where ${people} and months && ${set}`.execute(trx);
    }
  }
}

/** First month of each person: recomputed whole on a full rebuild, pulled earlier by an incremental one. */
async function updateFirstMonths(trx: Trx, source: StatsSource, months: Months) {
  const indicators = [...(source.firstTime ?? [])];
  if (!indicators.length) return;
  if (months === null) {
    await sql`delete from stats_person_first where indicator = any(${sql.val(indicators)}::text[])`.execute(trx);
  }
  await sql`
    insert into stats_person_first (indicator, person, first_month)
    select indicator, person, min(months[1]) from stats_people
    where indicator = any(${sql.val(indicators)}::text[])
      ${months === null ? sql`` : sql`and months && ${sql.val(months)}::date[]`}
    group by indicator, person
    on conflict (indicator, person) do update set first_month = least(stats_person_first.first_month, excluded.first_month)
  `.execute(trx);
}

interface RefreshOptions {
  full?: boolean;
  now?: Date;
  /** Tests shorten it to see exactly which months a change touches. */
  overlapMs?: number;
}

async function refreshSource(
  db: Db,
  source: StatsSource,
  { full = false, now = new Date(), overlapMs = WATERMARK_OVERLAP_MS }: RefreshOptions,
): Promise<SourceRefresh> {
  const started = performance.now();
  return db.transaction().execute(async (trx) => {
    // One refresh of a source at a time, whichever process asks (job, report, button).
    await sql`select pg_advisory_xact_lock(${lockKey(`stats:${source.name}`)})`.execute(trx);
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx);
    const dbNow = new Date(rows[0]!.now);
    const state = await q.sourceState(trx, source.name);
    const isFull = full || !state || now.getTime() - new Date(state.full_rebuild_at).getTime() >= FULL_REBUILD_EVERY_MS;
    let months: Months = null;
    if (!isFull) {
      const since = new Date(new Date(state!.watermark).getTime() - overlapMs);
      months = await source.changedMonths(trx, since);
    }
    const changed = months === null || months.length > 0;
    if (changed) {
      await clear(trx, source, months);
      await source.write(trx, months);
      await updateFirstMonths(trx, source, months);
    }
    const values = {
      watermark: dbNow,
      refreshed_at: dbNow,
      ...(isFull ? { full_rebuild_at: dbNow } : {}),
      ...(changed ? { changed_at: dbNow } : {}),
      last_error: null,
      failed_at: null,
      error_ref: null,
    };
    await q.recordSourceRefresh(trx, source.name, dbNow, values);
    return { source: source.name, mode: isFull ? "full" : "incremental", months: months?.length ?? -1, ms: Math.round(performance.now() - started) };
  });
}

/**
 * Folds new and changed source rows into the stats tables: per source, the
 * months touched since its watermark are deleted and recomputed in one
 * transaction (readers see the old month or the new one, never half), and
 * once a day everything is rebuilt. Each source runs on its own: a failing
 * one is rolled back, logged with a short reference, and recorded in its
 * state row (the dashboard shows it); the others go on.
 */
export async function refreshStats(db: Db, options: RefreshOptions = {}): Promise<SourceRefresh[]> {
  const results: SourceRefresh[] = [];
  for (const source of await availableSources(db)) {
    try {
      results.push(await refreshSource(db, source, options));
    } catch (err) {
      const message = (err as Error).message.slice(0, 500);
      const errorRef = randomUUID().slice(0, 8);
      logger.error({ err, source: source.name, errorRef }, "stats refresh failed: the figures of this source are stale");
      await q.recordSourceFailure(db, source.name, message, errorRef).catch((e: unknown) => logger.error({ err: e, source: source.name }, "could not record the stats refresh failure"));
      results.push({ source: source.name, mode: options.full ? "full" : "incremental", months: 0, ms: 0, error: message, errorRef });
    }
  }
  await keepPlannerInformed(db, results);
  return results;
}

/**
 * Rewritten tables need fresh statistics (or the planner picks nested loops
 * over "1 row" that is 100,000) and, after a rebuild, a visibility map so
 * that counts are index-only scans. Autovacuum would get there, later.
 */
async function keepPlannerInformed(db: Db, results: SourceRefresh[]) {
  const rebuilt = results.some((r) => r.mode === "full" && !r.error);
  const changed = rebuilt || results.some((r) => r.months > 0);
  if (!changed) return;
  try {
    await sql`${sql.raw(rebuilt ? "vacuum (analyze)" : "analyze")} stats_monthly, stats_people, stats_person_first`.execute(db);
  } catch (err) {
    logger.warn({ err }, "could not analyze the stats tables");
  }
}

export async function sourceStates(db: Db) {
  return q.allSourceStates(db);
}
