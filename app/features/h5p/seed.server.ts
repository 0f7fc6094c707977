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
export const DEMO_SOURCE_KEY = "demo:mot-de-passe";

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

/** The demo package as the files of a .h5p: h5p.json, content/… and the library folder. */
export async function demoPackageFiles(dir = H5P_CONTENT_DIR) {
  const files = new Map<string, Buffer>();
  for (const [rel, bytes] of await filesUnder(path.join(dir, "demo-mot-de-passe"))) files.set(rel, bytes);
  for (const [rel, bytes] of await filesUnder(path.join(dir, DEMO_LIBRARY))) files.set(`${DEMO_LIBRARY}/${rel}`, bytes);
  return files;
}

/**
 * Installs the project's content type and the demo activity, through the
 * same package checks as an upload. Idempotent: an installed library of the
 * same patch and an existing demo content are left alone.
 */
export async function seedH5p(
  db: Db,
  { storage = fileStorage(), createdBy = null, installedBy = createdBy }: { storage?: FileStorage; createdBy?: string | null; installedBy?: string | null } = {},
) {
  const existing = await q.findContentBySourceKey(db, DEMO_SOURCE_KEY);
  const archive = archiveFromFiles(await demoPackageFiles());
  const checked = await checkPackage(archive, {
    mode: existing ? "libraries" : "content",
    mayInstallLibraries: true,
    installed: await installedLibraryKeys(db),
  });
  const stored = await storePackage(db, checked, { storage, createdBy, installedBy, sourceKey: existing ? undefined : DEMO_SOURCE_KEY });
  const contentId = existing?.id ?? stored.contentId!;
  await placeDemoInLesson(db, contentId);
  return { contentId, installed: stored.installed };
}

/** The demo lesson on passwords ends with the demo quiz (added once; a re-import of the course adds it again). */
export const DEMO_LESSON = { course: "se-proteger-des-arnaques-en-ligne", lesson: "proteger-ses-comptes" };

async function placeDemoInLesson(db: Db, contentId: string) {
  const lesson = await q.findLessonByKeys(db, DEMO_LESSON.course, DEMO_LESSON.lesson);
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

/** For db/seed.ts: the demo quiz is the teacher's (so the teacher sees its results), the library the coordinator's. */
export async function seedDemoH5p(db: Db, { authorEmail, installerEmail }: { authorEmail: string; installerEmail: string }) {
  const people = await db.selectFrom("app_user").select(["id", "email"]).where("email", "in", [authorEmail, installerEmail]).execute();
  const id = (email: string) => people.find((p) => p.email === email)?.id ?? null;
  return seedH5p(db, { createdBy: id(authorEmail), installedBy: id(installerEmail) });
}
