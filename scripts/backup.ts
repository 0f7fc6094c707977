// npm run backup -- <folder> [--database-url <url> | --data-dir <folder>]
// A full backup in a new folder: the database dump (as `npm run db:export`)
// and every stored file (the local folder $DATA_DIR/files, or the S3 bucket),
// each with its SHA-256. Restore with `npm run restore`.
import { fileStorage } from "../app/lib/storage.server";
import { assertEmptyFolder, commandLine, run } from "./lib/cli";
import { exportDatabase } from "./lib/dump";
import { backupFiles } from "./lib/files";

const { dir, where } = commandLine("npm run backup -- <dossier> [--database-url <url> | --data-dir <dossier>]");
await run(async () => {
  await assertEmptyFolder(dir);
  const manifest = await exportDatabase(where, dir, console.log);
  const files = await backupFiles(fileStorage(), dir, console.log);
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  return `Sauvegarde terminée : ${manifest.tables.length} tables, ${rows} lignes, ${files.files} fichiers, dans ${dir}`;
});
