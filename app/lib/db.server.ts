import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, Migrator, PostgresDialect, type LogEvent, type Transaction } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Database } from "../../db/types";
import { migrations } from "../../db/migrations/index";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { noteDatabaseError } from "./request-state.server";

export type Db = Kysely<Database>;
/** Query functions take either the pool or a transaction as their first argument. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface OpenedDatabase {
  db: Db;
  kind: "postgres" | "embedded";
  /** The PGlite instance itself, for what Kysely does not carry (its LISTEN). */
  embedded?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** Folder for the embedded database (PGlite keeps its files in `<dataDir>/pglite`). */
  dataDir?: string;
  /** In-memory PGlite, for tests of the embedded backend. */
  memory?: boolean;
  poolSize?: number;
  onQuery?: (event: LogEvent) => void;
}

// node-postgres, not postgres.js: see docs/decisions/019-node-postgres-driver.md.
// Dates go out in UTC and `date` columns come back as UTC midnight, as
// postgres.js did (pg's defaults would use the process's time zone for both).
pg.defaults.parseInputDatesAsUTC = true;
const parseUtcDate = (value: string) => new Date(value);
const dateArray = pg.types.getTypeParser(1182 as never);
const TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 1082) return parseUtcDate;
    if (oid === 1182) return (value: string) => (dateArray(value) as (Date | null)[]).map((d) => (d ? parseUtcDate(isoDay(d)) : d));
    return pg.types.getTypeParser(oid as never, format as never);
  },
};
const isoDay = (d: Date) =>
  `${String(d.getFullYear()).padStart(4, "0")}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  const log = options.onQuery;
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Bounds both opening a connection and waiting for a free one: a
      // database that does not answer fails the request (503) instead of
      // holding it forever. Generous, as bursts queue for the pool.
      connectionTimeoutMillis: 30_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      types: TYPES,
    });
    // A connection that dies while idle in the pool, or while checked out
    // between two queries, emits "error"; unhandled, that would end the
    // process. The pool drops the broken client and opens a new one when asked.
    const onClientError = (error: Error) => logger.warn({ err: error }, "database connection lost");
    pool.on("error", onClientError);
    pool.on("connect", (client: pg.PoolClient) => client.on("error", onClientError));
    // A request that could not reach the database is answered 503, not 500
    // (app/lib/request-handler.server.ts): note both failed connections…
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    pool.connect = (async () => {
      try {
        return await connect();
      } catch (error) {
        noteDatabaseError(error);
        throw error;
      }
    }) as typeof pool.connect;
    // …and queries cut short.
    const noteAndLog = (event: LogEvent) => {
      if (event.level === "error") noteDatabaseError(event.error);
      log?.(event);
    };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: noteAndLog });
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  if (!options.memory) {
    dataDir = path.resolve(options.dataDir ?? env().DATA_DIR, "pglite");
    mkdirSync(dataDir, { recursive: true });
  }
  // One options object: PGlite ignores the second argument when the first is not a string (memory).
  const embedded = new PGlite({ dataDir, extensions: { unaccent, pg_trgm } });
  await embedded.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(embedded), log });
  return { db, kind: "embedded", embedded, close: () => db.destroy() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on an untyped handle
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// One database handle per process, shared by the server bundle and anything
// it loads: kept on globalThis so that a re-evaluated module (vite dev reload)
// does not open a second PGlite on the same folder.
const GLOBAL_KEY = Symbol.for("passerelle.database");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<OpenedDatabase> };

export function appDatabase(): Promise<OpenedDatabase> {
  const g = globalThis as GlobalWithDb;
  g[GLOBAL_KEY] ??= (async () => {
    const opened = await openDatabase({ url: env().DATABASE_URL });
    await migrateToLatest(opened.db);
    return opened;
  })();
  return g[GLOBAL_KEY]!;
}

export async function closeAppDatabase() {
  const g = globalThis as GlobalWithDb;
  const pending = g[GLOBAL_KEY];
  g[GLOBAL_KEY] = undefined;
  if (pending) await (await pending).close();
}

const RETRYABLE = new Set(["40001", "40P01"]);

/**
 * Thrown by a transaction's work to be run again from the top, as after a
 * serialization failure: for a race the database settles without an error
 * (an `ON CONFLICT DO NOTHING` insert that lost to a concurrent one, whose
 * row the next attempt sees).
 */
export class RetryTransaction extends Error {
  override name = "RetryTransaction";
}

/**
 * Runs `work` in a transaction, retrying on serialization failures and
 * deadlocks (SQLSTATE 40001 / 40P01), or when the work throws
 * RetryTransaction, with a short jittered backoff.
 */
export async function withRetryingTransaction<T>(
  db: Db,
  work: (trx: Transaction<Database>) => Promise<T>,
  { attempts = 8, isolation }: { attempts?: number; isolation?: "serializable" | "repeatable read" } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      let builder = db.transaction();
      if (isolation) builder = builder.setIsolationLevel(isolation);
      return await builder.execute(work);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const retryable = error instanceof RetryTransaction || (!!code && RETRYABLE.has(code));
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}
