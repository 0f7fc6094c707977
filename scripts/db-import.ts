// npm run db:import -- <folder> [--database-url <url> | --data-dir <folder>] [--replace]
// Loads a dump written by `npm run db:export` (or `npm run backup`) into
// DATABASE_URL, or into the embedded database in $DATA_DIR/pglite: creates
// the schema with our migrations, refuses a database that already holds data
// (unless --replace), checks every table's rows, restores the sequences.
import { commandLine, run } from "./lib/cli";
import { importDatabase } from "./lib/dump";

const { dir, where, replace } = commandLine("npm run db:import -- <dossier> [--database-url <url> | --data-dir <dossier>] [--replace]", { replace: true });
await run(async () => {
  const manifest = await importDatabase(where, dir, { replace, progress: console.log });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  return `Import terminé : ${manifest.tables.length} tables, ${rows} lignes`;
});
