// npm run db:export -- <folder> [--database-url <url> | --data-dir <folder>]
// Writes a portable dump of the database (DATABASE_URL, or the embedded
// database in $DATA_DIR/pglite) into a new folder; `npm run db:import` loads
// it into the other kind. Stop the app first when it runs on the embedded
// database (PGlite allows one process per folder). Files are not included:
// see `npm run backup` and docs/operations.md.
import { assertEmptyFolder, commandLine, run } from "./lib/cli";
import { exportDatabase } from "./lib/dump";

const { dir, where } = commandLine("npm run db:export -- <dossier> [--database-url <url> | --data-dir <dossier>]");
await run(async () => {
  await assertEmptyFolder(dir);
  const manifest = await exportDatabase(where, dir, console.log);
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  return `Export terminé : ${manifest.tables.length} tables, ${rows} lignes, dans ${dir}`;
});
