import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { requestPasswordReset } from "../../app/features/accounts/service.server";
import { uploadLessonImage } from "../../app/features/courses/authoring.server";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { seedDemo } from "../../db/seed";
import { exportDatabase, importDatabase, readManifest } from "../../scripts/lib/dump";
import { openEndpoint, type Endpoint } from "../../scripts/lib/endpoint";
import { backupFiles, restoreFiles } from "../../scripts/lib/files";
import { cloneTemplate } from "../helpers/db";
import { ADMIN_URL, databaseUrl } from "../helpers/postgres-template";

// Data you can move and restore: the demo data and uploaded files, from the
// embedded database to a fresh PostgreSQL database and its files folder, then
// PostgreSQL → backup → restore. Each copy is compared with its original by
// the servers' own JSON rendering of every row and by the files' bytes.

const work = mkdtempSync(path.join(tmpdir(), "passerelle-roundtrip-"));
const embeddedDir = path.join(work, "embedded"); // $DATA_DIR of the embedded deployment: pglite/ and files/
const backHome = path.join(work, "back");
process.env.DATA_DIR = embeddedDir;
resetEnvForTests();

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const opened: Endpoint[] = [];
const timings: Record<string, number> = {};

async function freshDatabase(name: string) {
  const db = `passerelle_${name}_${inject("runId")}`;
  await admin.unsafe(`create database "${db}"`);
  return databaseUrl(db);
}

async function timed<T>(label: string, work: () => Promise<T>) {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[label] = Date.now() - started;
  }
}

/**
 * Every row of every table as the server renders it in JSON (generated
 * columns included), sorted; the migration journal by name only (it records
 * when each migration ran), and every sequence's position.
 */
async function snapshot(endpoint: Endpoint) {
  await endpoint.query("set timezone = 'UTC'");
  const tables = await endpoint.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    // The data version is each database's own (decision 049): compared by its one row, not its number.
    const select =
      name === "kysely_migration"
        ? `select to_jsonb(name)::text as row from kysely_migration`
        : name === "data_version"
          ? `select 'one row' as row from data_version`
          : `select to_jsonb(t)::text as row from "${name}" t`;
    out[name] = (await endpoint.query<{ row: string }>(select)).map((r) => r.row).sort();
  }
  const sequences = await endpoint.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = 'public'`);
  for (const { name } of sequences) {
    out[`sequence ${name}`] = (await endpoint.query<{ row: string }>(`select last_value || ' ' || is_called as row from "${name}"`)).map((r) => r.row);
  }
  return out;
}

/** Every file under a folder (bytes and the `.type` beside them), by relative path → SHA-256. */
function folderDigest(dir: string) {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return out;
}

async function open(where: { url?: string; dataDir?: string }) {
  const endpoint = await openEndpoint(where);
  opened.push(endpoint);
  return endpoint;
}

const rowCount = (s: Record<string, string[]>) => Object.entries(s).filter(([k]) => !k.startsWith("sequence ")).reduce((n, [, rows]) => n + rows.length, 0);

beforeAll(async () => {
  // The embedded deployment: demo data, the files it stores, and what people add to it.
  await timed("seed embedded", async () => {
    // A copy of the freshly migrated, empty embedded database is kept aside: the last leg imports into
    // it (as into a deployment that already ran `npm run db:migrate`), sparing a second initdb.
    const empty = await openDatabase({ dataDir: embeddedDir });
    await migrateToLatest(empty.db);
    await empty.close();
    cpSync(path.join(embeddedDir, "pglite"), path.join(backHome, "pglite"), { recursive: true });
    const app = await openDatabase({ dataDir: embeddedDir });
    try {
      await seedDemo(app.db);
      const teacher = await app.db.selectFrom("app_user").selectAll().where("email", "=", "enseignant@demo.passerelle.fr").executeTakeFirstOrThrow();
      const course = await app.db.selectFrom("course").select("id").orderBy("slug").executeTakeFirstOrThrow();
      await app.db.insertInto("course_author").values({ course_id: course.id, user_id: teacher.id }).onConflict((oc) => oc.doNothing()).execute();
      const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
      await uploadLessonImage(app.db, teacher, course.id, new Uint8Array(png));
      await requestPasswordReset(app.db, "apprenant@demo.passerelle.fr");
    } finally {
      await app.close();
    }
  });
}, 180_000);

afterAll(async () => {
  for (const endpoint of opened) await endpoint.close().catch(() => {});
  await admin.end();
  rmSync(work, { recursive: true, force: true }); // two PGlite folders: some 90 MB
  delete process.env.DATA_DIR;
  resetEnvForTests();
  console.info(`round trip timings (ms): ${JSON.stringify(timings)}`);
});

it("moves the embedded database and its files to PostgreSQL, then backs PostgreSQL up and restores it, equal row for row and byte for byte", async () => {
  const started = Date.now();
  const moveDir = path.join(work, "move");
  const serverFiles = path.join(work, "server-files");

  // 1. Embedded → a new, empty PostgreSQL database (npm run db:export / db:import: the import creates
  //    the schema with our migrations), files copied through the storage interface.
  const manifest = await timed("export embedded", () => exportDatabase({ dataDir: embeddedDir }, moveDir));
  await timed("copy files", async () => {
    await backupFiles(folderStorage(path.join(embeddedDir, "files")), moveDir);
    await restoreFiles(moveDir, folderStorage(serverFiles));
  });
  const serverUrl = await freshDatabase("moved");
  await timed("import postgres", () => importDatabase({ url: serverUrl }, moveDir));

  const embedded = await open({ dataDir: embeddedDir });
  const server = await open({ url: serverUrl });
  const before = await timed("compare 1", () => snapshot(embedded));
  const moved = await snapshot(server);
  expect(Object.keys(moved)).toEqual(Object.keys(before));
  for (const table of Object.keys(before)) expect(moved[table], table).toEqual(before[table]);
  expect(before["app_user"]!.length).toBeGreaterThanOrEqual(5);
  expect(before["stored_object"]).toHaveLength(4); // the three demo activities and the uploaded image
  expect(manifest.tables.reduce((n, t) => n + t.rows, 0)).toBe(
    rowCount(before) - before["kysely_migration"]!.length - (before["kysely_migration_lock"]?.length ?? 0) - before["data_version"]!.length,
  );

  const embeddedFiles = folderDigest(path.join(embeddedDir, "files"));
  expect(Object.keys(embeddedFiles).length).toBeGreaterThanOrEqual(8);
  expect(folderDigest(serverFiles)).toEqual(embeddedFiles);
  await embedded.close();

  // 2. PostgreSQL → backup (database and files) → restore into a new database and folder.
  const backupDir = path.join(work, "backup");
  const restoredFiles = path.join(work, "restored-files");
  await timed("backup postgres", async () => {
    await exportDatabase(server, backupDir);
    await backupFiles(folderStorage(serverFiles), backupDir);
  });
  // This time into a database already migrated (as after `npm run db:migrate`): the import only loads.
  const restoredUrl = await cloneTemplate(`passerelle_restored_${inject("runId")}`);
  await timed("restore postgres", async () => {
    await importDatabase({ url: restoredUrl }, backupDir);
    await restoreFiles(backupDir, folderStorage(restoredFiles));
  });
  const restored = await open({ url: restoredUrl });
  const again = await timed("compare 2", () => snapshot(restored));
  for (const table of Object.keys(moved)) expect(again[table], table).toEqual(moved[table]);
  expect(folderDigest(restoredFiles)).toEqual(embeddedFiles);
  expect((await readManifest(backupDir)).source).toBe("postgres");

  // A restore never lands on top of data by accident.
  await expect(importDatabase({ url: restoredUrl }, backupDir)).rejects.toThrow(/contient déjà des données/);
  await restored.close();

  // 3. And back: the PostgreSQL backup into another embedded database (a PGlite folder of its own).
  await timed("import embedded", () => importDatabase({ dataDir: backHome }, backupDir));
  const back = await open({ dataDir: backHome });
  const home = await timed("compare 3", () => snapshot(back));
  for (const table of Object.keys(before)) expect(home[table], table).toEqual(before[table]);

  timings.total = Date.now() - started;
  console.info(
    `round trip: ${Object.keys(before).length} tables and sequences, ${rowCount(before)} rows compared three times, ${Object.keys(embeddedFiles).length} files twice`,
  );
}, 180_000);
