import { createReadStream, createWriteStream, existsSync, mkdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { createGunzip, createGzip, gunzipSync, gzipSync } from "node:zlib";
import { PGlite, type Transaction as PgliteTransaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { DumpError } from "./errors";

/**
 * One database the dump scripts read or write, either backend, through its
 * own driver: COPY needs what Kysely does not expose (postgres.js streams,
 * PGlite's /dev/blob). Kysely is kept for the migrations.
 */
export interface Where {
  /** A PostgreSQL server; otherwise the embedded database under `<dataDir>/pglite`. */
  url?: string;
  dataDir?: string;
}

export interface RawTransaction {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY … TO STDOUT into a gzip file; returns the rows written (COPY text: one line per row). */
  copyOut(statement: string, file: string): Promise<number>;
  /** COPY … FROM STDIN from a gzip file. */
  copyIn(statement: string, file: string): Promise<void>;
}

export interface Endpoint {
  kind: "postgres" | "embedded";
  label: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations and catalogue queries run untyped
  kysely: Kysely<any>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(mode: "read" | "write", work: (tx: RawTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Rows in a piece of COPY text: each row ends with a newline (newlines inside values are escaped). */
function countLines(bytes: Uint8Array) {
  let lines = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  return lines;
}

function openPostgres(url: string): Endpoint {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const kysely = new Kysely({ dialect: new PostgresJSDialect({ postgres: postgres(url, { max: 1, onnotice: () => {} }) }) });
  const label = (() => {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  })();
  return {
    kind: "postgres",
    label,
    kysely,
    query: async <T>(text: string, params: unknown[] = []) => [...(await sql.unsafe(text, params as never[]))] as T[],
    async transaction(mode, work) {
      const options = mode === "read" ? "isolation level repeatable read read only" : "read write";
      return (await sql.begin(options, async (tx) =>
        work({
          query: async <T>(text: string, params: unknown[] = []) => [...(await tx.unsafe(text, params as never[]))] as T[],
          async copyOut(statement, file) {
            // Read in flowing mode, never paused: postgres.js 3.4.9 can leave its socket paused when a
            // COPY stream ends under backpressure (seen here after a table of a few dozen kB), and the
            // transaction's next query then waits forever. gzip and the file absorb the difference.
            const readable = (await tx.unsafe(statement).readable()) as Readable;
            const gzip = createGzip();
            const written = pipeline(gzip, createWriteStream(file));
            let lines = 0;
            readable.on("data", (chunk: Buffer) => {
              lines += countLines(chunk);
              gzip.write(chunk);
            });
            await finished(readable);
            gzip.end();
            await written;
            return lines;
          },
          async copyIn(statement, file) {
            const writable = (await tx.unsafe(statement).writable()) as Writable;
            await pipeline(createReadStream(file), createGunzip(), writable);
          },
        }),
      )) as never;
    },
    async close() {
      await kysely.destroy();
      await sql.end();
    },
  };
}

async function openEmbedded(dataDir: string, create: boolean): Promise<Endpoint> {
  const folder = path.resolve(dataDir, "pglite");
  // Reading a folder that holds no database would create an empty one (and export nothing).
  if (!create && !existsSync(path.join(folder, "PG_VERSION"))) throw new DumpError(`${folder} : aucune base embarquée ici`);
  mkdirSync(folder, { recursive: true });
  const pg = new PGlite({ dataDir: folder, extensions: { unaccent, pg_trgm } });
  await pg.waitReady;
  const kysely = new Kysely({ dialect: new PGliteDialect(pg) });
  const raw = (tx: PgliteTransaction | PGlite): RawTransaction => ({
    query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
    // PGlite copies through an in-memory blob: fine for the embedded database, which is small by design.
    async copyOut(statement, file) {
      const result = await tx.query(statement.replace(/TO STDOUT$/i, "TO '/dev/blob'"));
      // An empty table gives no blob at all.
      const bytes = result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array(0);
      await writeFile(file, gzipSync(bytes));
      return countLines(bytes);
    },
    async copyIn(statement, file) {
      const bytes = gunzipSync(await readFile(file));
      await tx.query(statement.replace(/FROM STDIN$/i, "FROM '/dev/blob'"), [], { blob: new Blob([bytes]) });
    },
  });
  return {
    kind: "embedded",
    label: `PGlite ${folder}`,
    kysely,
    query: (text, params) => raw(pg).query(text, params),
    // One connection: a transaction is simply the only thing running.
    transaction: (_mode, work) => pg.transaction((tx) => work(raw(tx))),
    async close() {
      await kysely.destroy().catch(() => {});
      if (!pg.closed) await pg.close();
    },
  };
}

/** `create: false` when reading: an embedded folder without a database is an error, not a new database. */
export async function openEndpoint(where: Where, { create = true } = {}): Promise<Endpoint> {
  if (where.url) return openPostgres(where.url);
  if (!where.dataDir) throw new Error("a database URL or a data folder is needed");
  return openEmbedded(where.dataDir, create);
}
