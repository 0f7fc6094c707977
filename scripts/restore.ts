// npm run restore -- <folder> [--database-url <url> | --data-dir <folder>] [--replace]
// Puts a backup written by `npm run backup` back: the database (as
// `npm run db:import`) and the stored files (into $DATA_DIR/files, or the S3
// bucket when S3_BUCKET is set), each file checked against its SHA-256.
import { fileStorage } from "../app/lib/storage.server";
import { commandLine, run } from "./lib/cli";
import { importDatabase } from "./lib/dump";
import { readFileIndex, restoreFiles } from "./lib/files";

const { dir, where, replace } = commandLine("npm run restore -- <dossier> [--database-url <url> | --data-dir <dossier>] [--replace]", { replace: true });
await run(async () => {
  await readFileIndex(dir); // a backup without its files is refused before the database is touched
  const manifest = await importDatabase(where, dir, { replace, progress: console.log });
  const files = await restoreFiles(dir, fileStorage(), console.log);
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  return `Restauration terminée : ${manifest.tables.length} tables, ${rows} lignes, ${files.files} fichiers`;
});
