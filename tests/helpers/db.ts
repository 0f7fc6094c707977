import { inject } from "vitest";
import postgres from "postgres";
import type { LogEvent } from "kysely";
import { openDatabase, type Db, type OpenedDatabase } from "../../app/lib/db.server";
import { ADMIN_URL, databaseUrl } from "./postgres-template";

let opened: Promise<OpenedDatabase> | undefined;

/** Creates a fresh database cloned from the migrated template. */
export async function cloneTemplate(name: string): Promise<string> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${inject("templateDatabase")}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

/**
 * This worker's own database: cloned once per test file from the migrated
 * template, so files never see each other's rows.
 */
export function testDb(): Promise<Db> {
  opened ??= (async () => {
    const suffix = `${process.env.VITEST_POOL_ID ?? "0"}_${Math.random().toString(36).slice(2, 8)}`;
    const url = await cloneTemplate(`passerelle_w${suffix}_${inject("runId")}`);
    return openDatabase({ url, poolSize: 20 });
  })();
  return opened.then((o) => o.db);
}

export async function closeTestDb() {
  if (opened) await (await opened).close();
  opened = undefined;
}

/** Counts the SQL statements run while `work` runs (through Kysely's log hook). */
export async function countQueries<T>(url: string, work: (db: Db) => Promise<T>) {
  const queries: string[] = [];
  const counted = await openDatabase({ url, poolSize: 2, onQuery: (e: LogEvent) => void queries.push(e.query.sql) });
  try {
    const result = await work(counted.db);
    return { result, queries };
  } finally {
    await counted.close();
  }
}
