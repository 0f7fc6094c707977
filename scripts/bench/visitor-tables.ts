// npx tsx scripts/bench/visitor-tables.ts (after a build) — which tables the
// pages tagged before rendering read (decision 049), and whether each carries
// the data-version trigger. PostgreSQL counts every scan per table
// (pg_stat_user_tables, flushed when a connection closes): the built app is
// started on a fresh database with the demo data, once without a request and
// once loading the pages; what the second start read beyond the first is what
// the pages read. Exits 1 when such a table has no trigger.
import postgres from "postgres";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { seedDemo } from "../../db/seed";
import { startApp } from "../../tests/helpers/e2e-server";
import { ADMIN_URL, databaseUrl } from "../../tests/helpers/postgres-template";

const dbName = `passerelle_visitor_tables_${process.pid}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = databaseUrl(dbName);
const opened = await openDatabase({ url, poolSize: 2 });
await migrateToLatest(opened.db);
await seedDemo(opened.db);
await opened.close();
const sql = postgres(url, { max: 1, onnotice: () => {} });

const scans = async () =>
  Object.fromEntries(
    (await sql<{ relname: string; n: string }[]>`select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables`).map((r) => [
      r.relname,
      Number(r.n),
    ]),
  );

async function serve(pages: string[]) {
  const app = await startApp({ DATABASE_URL: url, LOG_LEVEL: "warn", OUTBOX_WORKER: "false" });
  for (const page of pages) {
    const res = await fetch(app.baseUrl + page);
    console.log(`${res.status} ${page}`);
  }
  await app.stop();
  // The server's connections report their counts as they close.
  await new Promise((r) => setTimeout(r, 1500));
}

try {
  const [lesson] = await sql`select c.slug, l.id from lesson l join course_module m on m.id = l.module_id join course c on c.id = m.course_id where c.status = 'published' limit 1`;
  const [place] = await sql`select slug from relay_space limit 1`;
  const [workshop] = await sql`select id from workshop limit 1`;
  const [path] = await sql`select slug from learning_path limit 1`;
  const pages = ["/", "/cours", "/cours?q=internet", `/cours/${lesson!.slug}`, `/cours/${lesson!.slug}/lecons/${lesson!.id}`];
  pages.push("/parcours", `/parcours/${path!.slug}`, "/lieux", `/lieux/${place!.slug}`, "/ateliers", `/ateliers/${workshop!.id}`);

  await serve([]);
  const idle = await scans();
  await serve(pages);
  const loaded = await scans();
  // data_version itself is read by the worker's listener (at start, then every 10 s).
  const read = Object.keys(loaded).filter((t) => loaded[t] !== idle[t] && !t.startsWith("kysely_") && t !== "data_version");
  const triggered = new Set(
    (await sql<{ table: string }[]>`select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname = 'data_version_bump'`).map((r) => r.table),
  );
  const missing = read.filter((t) => !triggered.has(t));
  console.log(`\nread by the tagged pages: ${read.sort().join(" ")}`);
  console.log(`with the data-version trigger: ${[...triggered].sort().join(" ")}`);
  if (missing.length) {
    console.log(`MISSING the trigger: ${missing.join(" ")}`);
    process.exitCode = 1;
  }
} finally {
  await sql.end();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
