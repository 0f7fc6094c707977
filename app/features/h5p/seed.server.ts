import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../lib/db.server";
import { fileStorage, type FileStorage } from "../../lib/storage.server";
import { isJunk } from "./archive.server";
import { embeddedContentIds } from "./lesson-content";
import { checkPackage } from "./package.server";
import * as q from "./queries.server";
import { archiveFromFiles, installedLibraryKeys, storePackage } from "./service.server";

/** content/h5p/ in the repository: the project's content type and its demo activity. */
export const H5P_CONTENT_DIR = path.resolve(process.cwd(), "content/h5p");
export const DEMO_LIBRARY = "H5P.PasserelleQuestion-1.0";

async function filesUnder(dir: string, prefix = ""): Promise<[string, Buffer][]> {
  const out: [string, Buffer][] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isJunk(rel)) continue;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push([rel, await readFile(path.join(dir, entry.name))]);
  }
  return out;
}

/** The demo activities: their folder in content/h5p, their key, and the lesson they end. */
export const DEMO_ACTIVITIES = [
  { dir: "demo-mot-de-passe", sourceKey: "demo:mot-de-passe", course: "se-proteger-des-arnaques-en-ligne", lesson: "proteger-ses-comptes" },
  { dir: "demo-installer-une-application", sourceKey: "demo:installer-une-application", course: "utiliser-un-smartphone-ou-une-tablette", lesson: "installer-une-application-sans-risque" },
  { dir: "demo-site-officiel", sourceKey: "demo:site-officiel", course: "faire-ses-demarches-en-ligne", lesson: "les-sites-officiels-et-a-quoi-ils-servent" },
] as const;
type DemoActivity = (typeof DEMO_ACTIVITIES)[number];

/** The demo package as the files of a .h5p: h5p.json, content/… and the library folder. */
export async function demoPackageFiles(dir = H5P_CONTENT_DIR, activity: DemoActivity = DEMO_ACTIVITIES[0]) {
  const files = new Map<string, Buffer>();
  for (const [rel, bytes] of await filesUnder(path.join(dir, activity.dir))) files.set(rel, bytes);
  for (const [rel, bytes] of await filesUnder(path.join(dir, DEMO_LIBRARY))) files.set(`${DEMO_LIBRARY}/${rel}`, bytes);
  return files;
}

type SeedOptions = { storage?: FileStorage; createdBy?: string | null; installedBy?: string | null };

/**
 * Installs the project's content type and the demo activity on passwords,
 * through the same package checks as an upload. Idempotent: an installed
 * library of the same patch and an existing demo content are left alone.
 */
export async function seedH5p(db: Db, options: SeedOptions = {}) {
  return seedActivity(db, DEMO_ACTIVITIES[0], options);
}

async function seedActivity(db: Db, activity: DemoActivity, { storage = fileStorage(), createdBy = null, installedBy = createdBy }: SeedOptions) {
  const existing = await q.findContentBySourceKey(db, activity.sourceKey);
  const archive = archiveFromFiles(await demoPackageFiles(H5P_CONTENT_DIR, activity));
  const checked = await checkPackage(archive, {
    mode: existing ? "libraries" : "content",
    mayInstallLibraries: true,
    installed: await installedLibraryKeys(db),
  });
  const stored = await storePackage(db, checked, { storage, createdBy, installedBy, sourceKey: existing ? undefined : activity.sourceKey });
  const contentId = existing?.id ?? stored.contentId!;
  await placeInLesson(db, activity, contentId);
  return { contentId, installed: stored.installed };
}

/** The password lesson keeps its historical name for the tests that open it. */
export const DEMO_LESSON = { course: DEMO_ACTIVITIES[0].course, lesson: DEMO_ACTIVITIES[0].lesson };

/** Each demo lesson ends with its quiz (added once; a re-import of the course adds it again). */
async function placeInLesson(db: Db, activity: DemoActivity, contentId: string) {
  const lesson = await q.findLessonByKeys(db, activity.course, activity.lesson);
  if (!lesson || embeddedContentIds(lesson.body).includes(contentId)) return;
  const content = Array.isArray(lesson.body.content) ? lesson.body.content : [];
  await q.setLessonBody(db, lesson.id, {
    type: "doc",
    content: [
      ...content,
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Testez-vous" }] },
      { type: "h5p", attrs: { contentId } },
    ],
  });
}

/** For db/seed.ts: the demo quizzes are the teacher's (so the teacher sees their results), the library the coordinator's. */
export async function seedDemoH5p(db: Db, { authorEmail, installerEmail }: { authorEmail: string; installerEmail: string }) {
  const people = await db.selectFrom("app_user").select(["id", "email"]).where("email", "in", [authorEmail, installerEmail]).execute();
  const id = (email: string) => people.find((p) => p.email === email)?.id ?? null;
  const options = { createdBy: id(authorEmail), installedBy: id(installerEmail) };
  const first = await seedH5p(db, options);
  for (const activity of DEMO_ACTIVITIES.slice(1)) await seedActivity(db, activity, options);
  return first;
}
