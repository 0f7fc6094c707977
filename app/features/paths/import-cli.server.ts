import path from "node:path";
import cliProgress from "cli-progress";
import type { Db } from "../../lib/db.server";
import { importPaths } from "./import.server";

export const DEFAULT_CONTENT_ROOT = path.resolve("content");

/** The command-line face of the paths import: a progress bar, then what changed (in French, like the other scripts). */
export async function runPathsImport(db: Db, contentRoot = DEFAULT_CONTENT_ROOT, { force = false } = {}) {
  const bar = new cliProgress.SingleBar(
    { format: "Import des parcours [{bar}] {value}/{total} {file}", hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 1000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const report = await importPaths(db, contentRoot, {
      force,
      onProgress: (done, total, file) => {
        if (!started) {
          bar.start(total, 0, { file: "" });
          started = true;
        }
        bar.update(done, { file: path.basename(file) });
      },
    });
    if (started) bar.stop();
    console.log(`Parcours et badges importés : ${report.imported.length}${report.imported.length ? ` (${report.imported.join(", ")})` : ""}`);
    console.log(`Parcours inchangés : ${report.unchanged.length}`);
    for (const warning of report.warnings) console.warn(`Attention : ${warning}`);
    return report;
  } catch (error) {
    if (started) bar.stop();
    throw error;
  }
}
