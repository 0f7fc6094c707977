// npm run content:import [-- <folder>] — creates or updates the courses of
// content/courses by slug. Idempotent: a course whose files did not change is
// left alone, and a second run says that nothing changed.
import path from "node:path";
import cliProgress from "cli-progress";
import { migrateToLatest, openDatabase } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { ContentError, DEFAULT_CONTENT_DIR, importContentCourses } from "../app/features/courses/content-import.server";
import { runPathsImport } from "../app/features/paths/import-cli.server";

const root = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_CONTENT_DIR;
const opened = await openDatabase({ url: env().DATABASE_URL });
const bar = new cliProgress.SingleBar(
  { format: "Import des cours [{bar}] {value}/{total} {slug}", hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 1000 },
  cliProgress.Presets.shades_classic,
);
try {
  await migrateToLatest(opened.db);
  const report = await importContentCourses(opened.db, root, {
    onStart: (total) => bar.start(total, 0, { slug: "" }),
    onCourse: (slug) => bar.increment({ slug }),
  });
  bar.stop();
  const line = (label: string, slugs: string[]) => console.log(`${label} : ${slugs.length}${slugs.length ? ` (${slugs.join(", ")})` : ""}`);
  line("Créés", report.created);
  line("Mis à jour", report.updated);
  line("Inchangés", report.unchanged);
  console.log(
    report.created.length + report.updated.length === 0
      ? "Rien n'a changé : la base est déjà à jour."
      : `${report.created.length + report.updated.length} cours importé(s) depuis ${path.relative(process.cwd(), root) || "."}.`,
  );
  // Then the learner paths and course badges (content/paths, content/badges), which name these courses.
  await runPathsImport(opened.db, path.dirname(root)).catch((error: Error) => {
    console.error(`Erreur dans les parcours : ${error.message}`);
    process.exitCode = 1;
  });
} catch (error) {
  bar.stop();
  if (error instanceof ContentError) {
    console.error(`Erreur dans le contenu : ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await opened.close();
}
