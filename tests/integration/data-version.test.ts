import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catchUpAfterWrite, currentDataVersion, DATA_VERSION_CHANNEL, listenToDataVersion } from "../../app/lib/data-version.server";
import { setBuildId, visitorTag } from "../../app/lib/http-cache.server";
import type { Db } from "../../app/lib/db.server";
import { closeTestDb, testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { databaseUrl } from "../helpers/postgres-template";
import { seedCourse } from "./courses-helpers";

/**
 * Decision 049: the version of what visitors' pages show moves at the commit
 * of every transaction that wrote a table they read, once, and every
 * listening worker learns it by NOTIFY on a connection of its own. PGlite's
 * case is in paths-pglite.test.ts (one PGlite start is costly enough).
 */
let db: Db;
let url: string;
let stopListening: () => Promise<void>;
let counter: pg.Client;
const notified: string[] = [];

const version = () => BigInt(currentDataVersion() ?? "0");

beforeAll(async () => {
  db = await testDb();
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  url = databaseUrl(rows[0]!.name);
  stopListening = listenToDataVersion(url);
  counter = new pg.Client({ connectionString: url });
  await counter.connect();
  await counter.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
  counter.on("notification", (n) => notified.push(n.payload ?? ""));
  for (let i = 0; i < 500 && currentDataVersion() === null; i++) await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  await stopListening?.();
  await counter?.end();
  await closeTestDb();
});

/** Waits for the worker's version to pass `before`; returns how long the NOTIFY took to arrive. */
async function movedPast(before: bigint) {
  const started = performance.now();
  await expect.poll(() => version() > before, { timeout: 2_000, interval: 2 }).toBe(true);
  return performance.now() - started;
}

describe("the data version", () => {
  it("moves once per writing transaction, at its commit, and the listening worker learns it within milliseconds", async () => {
    const before = version();
    notified.length = 0;
    // Dozens of rows in several tables, in one transaction: one bump.
    await db.transaction().execute((trx) => seedCourse(trx, { modules: 2, lessonsPerModule: 3 }));
    const latency = await movedPast(before);
    expect(latency).toBeLessThan(1_000);
    await expect.poll(() => notified.includes(currentDataVersion()!)).toBe(true);
    expect(notified).toHaveLength(1);
    const [row] = (await sql<{ version: string }>`select version from data_version`.execute(db)).rows;
    expect(currentDataVersion()).toBe(row!.version);
  });

  it("does not move for a rolled-back write, nor for what visitors never see", async () => {
    const before = version();
    notified.length = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        await seedCourse(trx, {});
        throw new Error("rolled back");
      })
      .catch(() => {});
    const person = await createUser(db, { role: "mediator", firstName: "Aline" });
    await sql`update app_user set updated_at = now(), large_text = true where id = ${person.id}`.execute(db);
    // A write that does move it, after: everything before it has been delivered too.
    await sql`update app_user set first_name = 'Aline-Marie' where id = ${person.id}`.execute(db);
    await movedPast(before);
    // Notifications arrive in commit order: once the last write's is in, any earlier one would be too.
    await expect.poll(() => notified.includes(currentDataVersion()!)).toBe(true);
    expect(notified).toHaveLength(1);
  });

  it("is unknown while the listening connection is down, and caught up when it is back", async () => {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'passerelle-data-version'`.execute(db);
    await expect.poll(currentDataVersion, { timeout: 2_000, interval: 5 }).toBeNull();
    // A worker's own write does not make the version known while nothing listens (decision 050).
    await catchUpAfterWrite(async () => "999999");
    expect(currentDataVersion()).toBeNull();
    await sql`update relay_space set name = name`.execute(db);
    await seedCourse(db, {});
    await expect.poll(currentDataVersion, { timeout: 5_000 }).not.toBeNull();
    const [row] = (await sql<{ version: string }>`select version from data_version`.execute(db)).rows;
    expect(currentDataVersion()).toBe(row!.version);
  });

  it("is known to the writing worker when its write is done, notification or not", async () => {
    const before = version();
    await seedCourse(db, {});
    await catchUpAfterWrite(async () => (await sql<{ version: string }>`select version from data_version`.execute(db)).rows[0]?.version);
    expect(version()).toBeGreaterThan(before);
    // Never backwards, whatever a late read says.
    await catchUpAfterWrite(async () => before.toString());
    expect(version()).toBeGreaterThan(before);
  });

  it("is in the tag of a visitor's page, with everything else the page depends on", async () => {
    setBuildId("build-1");
    const headers = (h: Record<string, string>) => (name: string) => h[name];
    const tag = (pathAndQuery: string, h: Record<string, string> = {}, now = 60_000 * 1000) => visitorTag({ pathAndQuery, header: headers(h) }, now);
    const base = tag("/cours");
    expect(base).toMatch(/^W\/"v-[\w-]+"$/);
    expect(tag("/cours")).toBe(base);
    const variants = [
      tag("/cours?q=internet"),
      tag("/cours", { "accept-language": "en" }),
      tag("/cours", { cookie: "lng=en" }),
      tag("/cours", { cookie: "display=eyJsYXJnZVRleHQiOnRydWV9" }),
      tag("/cours", { host: "autre.exemple.fr" }),
      tag("/cours", {}, 60_000 * 1001),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    // Signed in, a page that is not a visitor's page, or no version: no tag before rendering.
    expect(tag("/cours", { cookie: "lng=fr; passerelle_session=abc" })).toBeNull();
    expect(tag("/compte")).toBeNull();
    expect(tag("/ateliers/nouveau.ics")).toBeNull();
    const before = version();
    await seedCourse(db, {});
    await movedPast(before);
    expect(tag("/cours")).not.toBe(base);
  });
});
