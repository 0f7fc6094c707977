// npm run paths:import [-- <content folder>] [--force] — creates or updates the
// learner paths of content/paths and the course badges of content/badges.
// Idempotent: a path whose file did not change is left alone.
import path from "node:path";
import { migrateToLatest, openDatabase } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { DEFAULT_CONTENT_ROOT, runPathsImport } from "../app/features/paths/import-cli.server";

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith("--"));
const opened = await openDatabase({ url: env().DATABASE_URL });
try {
  await migrateToLatest(opened.db);
  await runPathsImport(opened.db, folder ? path.resolve(folder) : DEFAULT_CONTENT_ROOT, { force: args.includes("--force") });
} catch (error) {
  console.error(`Erreur dans les parcours : ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await opened.close();
}
