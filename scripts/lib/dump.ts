import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Migrator } from "kysely";
import { migrations } from "../../db/migrations/index";
import { openEndpoint, type Endpoint, type RawTransaction, type Where } from "./endpoint";
import { DumpError } from "./errors";

/**
 * A portable dump of Passerelle's database (decision 024): one gzip'd COPY
 * text file per table, in foreign-key order, and a manifest with the
 * migrations it was taken at, each table's columns, rows and checksum, and
 * every sequence. The schema is not in the dump: the import recreates it by
 * running our migrations on the target, so a dump moves between the embedded
 * PGlite (PostgreSQL 17) and a PostgreSQL 15+ server in either direction.
 */
export const DUMP_FORMAT = "passerelle-dump";
export const DUMP_VERSION = 1;

export interface DumpTable {
  name: string;
  columns: string[];
  rows: number;
  file: string;
  sha256: string;
}

export interface DumpManifest {
  format: typeof DUMP_FORMAT;
  version: typeof DUMP_VERSION;
  createdAt: string;
  source: "postgres" | "embedded";
  migrations: string[];
  tables: DumpTable[];
  sequences: { name: string; value: string; isCalled: boolean }[];
}

export type Progress = (line: string) => void;

// data_version is made by its migration and moved by triggers as the rows go
// in (decision 049): copying it would collide with the row the migration wrote.
const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock", "data_version"]);
// Rows a migration makes in every new database (the key that signs a lesson's
// « opened at », decision 042): carried by the export so signed values stay
// valid after a move, and replaced on import — a fresh database's own row does
// not make it "not empty".
const MADE_BY_MIGRATIONS = new Set(["course_signing_key"]);
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Settings that make COPY text exact and identical whatever the server's configuration. */
const SESSION = ["set local timezone = 'UTC'", "set local datestyle = 'ISO, YMD'", "set local intervalstyle = 'postgres'", "set local extra_float_digits = 3", "set local bytea_output = 'hex'"];

async function sha256(file: string) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

interface CatalogTable {
  name: string;
  columns: string[];
  key: string[];
  parents: string[];
}

/** The app's tables with their stored (non-generated) columns and primary key, parents before children. */
export async function catalog(q: Pick<RawTransaction, "query">): Promise<CatalogTable[]> {
  const tables = await q.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  );
  const columns = await q.query<{ table: string; column: string }>(
    `select c.relname as table, a.attname as column from pg_attribute a
     join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by c.relname, a.attnum`,
  );
  const keys = await q.query<{ table: string; column: string }>(
    `select c.relname as table, a.attname as column from pg_index i
     join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
     join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
     where n.nspname = 'public' and i.indisprimary order by c.relname, k.ord`,
  );
  const references = await q.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint f
     join pg_class c on c.oid = f.conrelid join pg_class p on p.oid = f.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where f.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const list = tables.filter((t) => !SKIPPED.has(t.name)).map<CatalogTable>((t) => ({
    name: t.name,
    columns: columns.filter((c) => c.table === t.name).map((c) => c.column),
    key: keys.filter((k) => k.table === t.name).map((k) => k.column),
    parents: [...new Set(references.filter((r) => r.child === t.name && r.parent !== t.name).map((r) => r.parent))],
  }));
  // Kahn's algorithm, alphabetical among equals: a stable order for the same schema.
  const ordered: CatalogTable[] = [];
  const done = new Set<string>();
  while (ordered.length < list.length) {
    const next = list.find((t) => !done.has(t.name) && t.parents.every((p) => done.has(p) || !list.some((o) => o.name === p)));
    if (!next) throw new Error(`foreign keys form a cycle among: ${list.filter((t) => !done.has(t.name)).map((t) => t.name).join(", ")}`);
    ordered.push(next);
    done.add(next.name);
  }
  return ordered;
}

async function sequences(q: Pick<RawTransaction, "query">) {
  const names = await q.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = 'public' order by 1`);
  const out: DumpManifest["sequences"] = [];
  for (const { name } of names) {
    const [row] = await q.query<{ last_value: string | number; is_called: boolean }>(`select last_value::text as last_value, is_called from ${ident(name)}`);
    out.push({ name, value: String(row!.last_value), isCalled: row!.is_called });
  }
  return out;
}

async function appliedMigrations(q: Pick<RawTransaction, "query">) {
  const [exists] = await q.query<{ present: boolean }>(`select to_regclass('public.kysely_migration') is not null as present`);
  if (!exists?.present) return [];
  return (await q.query<{ name: string }>(`select name from kysely_migration order by name`)).map((r) => r.name);
}

/** Writes the dump of `source` into `dir` (created); one consistent snapshot. */
export async function exportDatabase(source: Where | Endpoint, dir: string, progress: Progress = () => {}): Promise<DumpManifest> {
  const endpoint = "kind" in source ? source : await openEndpoint(source, { create: false });
  try {
    if (!(await appliedMigrations(endpoint)).length) throw new DumpError(`${endpoint.label} : aucune base Passerelle ici (pas de migrations)`);
    await mkdir(path.join(dir, "tables"), { recursive: true });
    progress(`Lecture de ${endpoint.label}`);
    const manifest = await endpoint.transaction("read", async (tx) => {
      for (const statement of SESSION) await tx.query(statement);
      const tables = await catalog(tx);
      const out: DumpTable[] = [];
      for (const [i, table] of tables.entries()) {
        const file = `tables/${String(i + 1).padStart(3, "0")}-${table.name}.copy.gz`;
        const order = table.key.length ? ` order by ${table.key.map(ident).join(", ")}` : "";
        const select = `select ${table.columns.map(ident).join(", ")} from ${ident(table.name)}${order}`;
        const rows = await tx.copyOut(`copy (${select}) to stdout`, path.join(dir, file));
        out.push({ name: table.name, columns: table.columns, rows, file, sha256: await sha256(path.join(dir, file)) });
        progress(`[${i + 1}/${tables.length}] ${table.name} : ${rows} ligne${rows > 1 ? "s" : ""}`);
      }
      return {
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
        createdAt: new Date().toISOString(),
        source: endpoint.kind,
        migrations: await appliedMigrations(tx),
        tables: out,
        sequences: await sequences(tx),
      } satisfies DumpManifest;
    });
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    return manifest;
  } finally {
    if (!("kind" in source)) await endpoint.close();
  }
}

export { DumpError };

export async function readManifest(dir: string): Promise<DumpManifest> {
  const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8").catch(() => {
    throw new DumpError(`${dir} : pas de manifest.json, ce n'est pas un export de Passerelle`);
  })) as DumpManifest;
  if (manifest.format !== DUMP_FORMAT || manifest.version !== DUMP_VERSION) throw new DumpError(`${dir} : format d'export inconnu (${manifest.format} ${manifest.version})`);
  return manifest;
}

/**
 * Loads a dump into `target`: its schema is brought to the dump's migration
 * with our migrations, the tables (which must be empty, unless `replace`)
 * are filled in one transaction and checked against the manifest, sequences
 * are set, then any newer migration of this version of the code runs.
 */
export async function importDatabase(target: Where | Endpoint, dir: string, { replace = false, progress = (() => {}) as Progress } = {}) {
  const manifest = await readManifest(dir);
  const known = Object.keys(migrations);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) throw new DumpError(`l'export vient d'une version plus récente de Passerelle (migrations inconnues : ${unknown.join(", ")})`);
  for (const table of manifest.tables) {
    if ((await sha256(path.join(dir, table.file))) !== table.sha256) throw new DumpError(`${table.file} est abîmé (somme de contrôle différente)`);
  }
  const endpoint = "kind" in target ? target : await openEndpoint(target);
  try {
    progress(`Écriture dans ${endpoint.label}`);
    const applied = await appliedMigrations(endpoint);
    const last = manifest.migrations.at(-1);
    if (applied.some((m) => !manifest.migrations.includes(m))) {
      throw new DumpError("la base de destination est plus récente que l'export : importez dans une base vide");
    }
    const migrator = new Migrator({ db: endpoint.kysely, provider: { getMigrations: async () => migrations } });
    if (last) {
      const { error } = await migrator.migrateTo(last);
      if (error) throw error;
    }
    await endpoint.transaction("write", async (tx) => {
      for (const statement of SESSION) await tx.query(statement);
      const present = new Map((await catalog(tx)).map((t) => [t.name, t]));
      for (const table of manifest.tables) {
        const here = present.get(table.name);
        if (!here || table.columns.some((c) => !here.columns.includes(c))) throw new DumpError(`la table ${table.name} n'a pas les colonnes de l'export`);
      }
      const filled: string[] = [];
      for (const table of manifest.tables) {
        const [row] = await tx.query<{ filled: boolean }>(`select exists (select 1 from ${ident(table.name)}) as filled`);
        if (row?.filled && !MADE_BY_MIGRATIONS.has(table.name)) filled.push(table.name);
      }
      if (filled.length && !replace) {
        const named = filled.length > 4 ? `${filled.slice(0, 4).join(", ")} et ${filled.length - 4} autres tables` : filled.join(", ");
        throw new DumpError(`la base de destination contient déjà des données (${named}) : importez dans une base vide, ou ajoutez --replace`);
      }
      const emptied = filled.length ? manifest.tables.map((t) => t.name) : manifest.tables.map((t) => t.name).filter((name) => MADE_BY_MIGRATIONS.has(name));
      if (emptied.length) await tx.query(`truncate ${emptied.map(ident).join(", ")} cascade`);
      for (const [i, table] of manifest.tables.entries()) {
        await tx.copyIn(`copy ${ident(table.name)} (${table.columns.map(ident).join(", ")}) from stdin`, path.join(dir, table.file));
        const [count] = await tx.query<{ n: string | number }>(`select count(*)::text as n from ${ident(table.name)}`);
        if (Number(count!.n) !== table.rows) throw new DumpError(`${table.name} : ${count!.n} lignes chargées, ${table.rows} attendues`);
        progress(`[${i + 1}/${manifest.tables.length}] ${table.name} : ${table.rows} ligne${table.rows > 1 ? "s" : ""}`);
      }
      for (const s of manifest.sequences) await tx.query(`select setval($1::regclass, $2::bigint, $3)`, [ident(s.name), s.value, s.isCalled]);
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    const newer = (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    if (newer.length) progress(`Migrations appliquées après l'import : ${newer.join(", ")}`);
    return manifest;
  } finally {
    if (!("kind" in target)) await endpoint.close();
  }
}
