import postgres from "postgres";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { seedDemo } from "../../db/seed";
import { startApp } from "../../tests/helpers/e2e-server";
import { ADMIN_URL, databaseUrl } from "../../tests/helpers/postgres-template";
const dbName = `passerelle_probe_${process.pid}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = databaseUrl(dbName);
const opened = await openDatabase({ url, poolSize: 2 });
await migrateToLatest(opened.db);
await seedDemo(opened.db);
await opened.close();
const sql = postgres(url, { max: 1 });
const stats = async () => Object.fromEntries((await sql`select relname, coalesce(seq_scan,0)+coalesce(idx_scan,0) as n from pg_stat_user_tables`).map((r) => [r.relname, Number(r.n)]));
const lesson = await sql`select c.slug, l.id from lesson l join course_module m on m.id = l.module_id join course c on c.id = m.course_id where c.status='published' limit 1`;
const place = await sql`select slug from relay_space limit 1`;
const ws = await sql`select id from workshop limit 1`;
const path = await sql`select slug from learning_path limit 1`;
async function run(pages: string[]) {
  const app = await startApp({ DATABASE_URL: url, LOG_LEVEL: "warn", OUTBOX_WORKER: "false" });
  for (const p of pages) { const r = await fetch(app.baseUrl + p); console.error(p, r.status); }
  await app.stop();
  await new Promise((r) => setTimeout(r, 1500));
}
await run([]);
const base = await stats();
const pages = ["/", "/cours", "/cours?q=internet", `/cours/${lesson[0]!.slug}`, `/cours/${lesson[0]!.slug}/lecons/${lesson[0]!.id}`, "/lieux", `/lieux/${place[0]?.slug}`, "/ateliers", `/ateliers/${ws[0]?.id}`, "/parcours", `/parcours/${path[0]?.slug}`];
await run(pages);
const after = await stats();
await run([]);
const base2 = await stats();
const startup = Object.keys(base2).filter((k) => base2[k] !== after[k]);
console.log("read by pages:", Object.keys(after).filter((k) => after[k] !== base[k]).sort().join(" "));
console.log("read by a bare start:", startup.sort().join(" "));
await sql.end();
await admin.unsafe(`drop database "${dbName}" with (force)`);
await admin.end();
