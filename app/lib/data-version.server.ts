import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { logger } from "./logger.server";

/**
 * The version of what visitors' pages show (decision 049), kept in memory by
 * each worker: triggers bump `data_version` at the commit of any transaction
 * that wrote a table those pages read, and NOTIFY every listener with the
 * new number. `null` means "not known right now" (the listening connection is
 * down or reconnecting): then no page is answered 304 without rendering.
 */
export const DATA_VERSION_CHANNEL = "passerelle_data_version";
/** A listening connection that silently lost notifications is caught by this periodic re-read. */
const RECHECK_MS = 10_000;
const QUERY_TIMEOUT_MS = 5_000;

let current: bigint | null = null;

export function currentDataVersion(): string | null {
  return current === null ? null : current.toString();
}

/** Versions only go up: a notification overtaken by a re-read must not move it back. */
function learn(value: string | number | bigint | null | undefined) {
  if (value === null || value === undefined || value === "") return;
  const next = BigInt(value);
  if (current === null || next > current) current = next;
}

/**
 * PostgreSQL: one connection of the worker's own, outside the pool, that only
 * LISTENs. It subscribes first and reads the row second, so no change falls
 * between the two; when it drops, the version is unknown until a new
 * connection has done both again.
 */
export function listenToDataVersion(connectionString: string): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;

  const lost = (reason: unknown) => {
    current = null;
    clearInterval(recheckTimer);
    const broken = client;
    client = null;
    broken?.removeAllListeners();
    broken?.on("error", () => {});
    void broken?.end().catch(() => {});
    if (stopped) return;
    logger.warn({ err: reason, retryInMs: retryMs }, "data version: listening connection lost, pages render until it is back");
    retryTimer = setTimeout(connect, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString,
      // Named, so that an operator (and a test) can tell it apart in pg_stat_activity.
      application_name: "passerelle-data-version",
      keepAlive: true,
      query_timeout: QUERY_TIMEOUT_MS,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
    });
    client = next;
    next.on("error", (err) => client === next && lost(err));
    next.on("end", () => client === next && lost(new Error("connection ended")));
    next.on("notification", (message) => {
      if (client === next && message.channel === DATA_VERSION_CHANNEL) learn(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      const { rows } = await next.query<{ version: string }>("select version from data_version");
      if (client !== next) return;
      learn(rows[0]?.version);
      logger.info({ version: currentDataVersion() }, "data version: listening");
      retryMs = 500;
      recheckTimer = setInterval(() => {
        next.query<{ version: string }>("select version from data_version").then(
          ({ rows: again }) => client === next && learn(again[0]?.version),
          (err: unknown) => client === next && lost(err),
        );
      }, RECHECK_MS);
      recheckTimer.unref();
    } catch (err) {
      if (client === next) lost(err);
    }
  };

  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(recheckTimer);
    const last = client;
    client = null;
    current = null;
    await last?.end().catch(() => {});
  };
}

/**
 * After this worker's own write, before its answer leaves: the row as
 * committed, so that the writer's next page — and anyone's on this worker —
 * is never answered from a tag older than the write while the notification
 * is still on its way (decision 050). Only while listening: an unknown
 * version stays unknown until the listening connection is back.
 */
export async function catchUpAfterWrite(read: () => Promise<string | number | bigint | null | undefined>) {
  if (current === null) return;
  const value = await read();
  if (current !== null) learn(value);
}

/**
 * PGlite runs inside this one process: its own listen() hears the NOTIFY of
 * every statement as it completes, before the writer's promise resolves, so
 * the version is never behind a write.
 */
export async function listenToEmbeddedDataVersion(database: PGlite): Promise<() => Promise<void>> {
  const unlisten = await database.listen(DATA_VERSION_CHANNEL, (payload) => learn(payload));
  const { rows } = await database.query<{ version: string }>("select version::text as version from data_version");
  learn(rows[0]?.version);
  return async () => {
    current = null;
    await unlisten();
  };
}
