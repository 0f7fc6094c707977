import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import type { Audience, CourseLevel } from "../../../db/schema/courses";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { refreshSearchExtra } from "./authoring-queries.server";
import * as q from "./content-import-queries.server";
import { completeEnrolmentsNowDone } from "./trash-queries.server";
import { storeCourseImageAs } from "./images.server";
import { markdownToDocument } from "./rich-text/markdown";
import { lessonPlainText } from "./rich-text/plain-text";
import { sanitizeDocument } from "./rich-text/sanitize";
import { courseImageUrl } from "./rich-text/urls";
import { slugify } from "../../lib/slug";
import { SLUG } from "./schemas";
import { AUDIENCES, LEVELS, PIX_COMPETENCES, THEMES } from "./vocabulary";

/**
 * Courses as files (content/courses/<slug>/…), imported by slug. A course
 * whose files hash to the stored `content_hash` is left alone, so a second
 * run changes nothing. Lessons and modules keep their ids across imports
 * (matched by file name and module title), so learners keep their progress
 * when a text is corrected. The folder is the source of truth for an
 * imported course: lessons and modules that are no longer in it go to the
 * course's trash (learners' progress kept for 30 days, restorable), and those
 * in it come back from the trash.
 * Conventions: content/README.md.
 */

// Bump when the conversion changes, so every course is rewritten once.
const IMPORTER_VERSION = "3";

export const DEFAULT_CONTENT_DIR = path.resolve("content/courses");

const list = <T extends string>(values: readonly T[]) => z.array(z.enum(values as unknown as readonly [T, ...T[]])).default([]);

const CourseFrontMatter = z.object({
  title: z.string().trim().min(3).max(150),
  summary: z.string().trim().max(600).default(""),
  objectives: z.array(z.string().trim().min(1).max(200)).max(12).default([]),
  audiences: list<Audience>(AUDIENCES).refine((a) => a.length > 0, "at least one audience"),
  themes: list(THEMES),
  competences: list(PIX_COMPETENCES),
  level: z.enum(LEVELS as unknown as readonly [CourseLevel, ...CourseLevel[]]).default("debutant"),
  status: z.enum(["draft", "published"]).default("published"),
  cover: z.string().optional(),
  cover_alt: z.string().trim().min(1).max(300).optional(),
}).refine((c) => !c.cover || c.cover_alt, { message: "cover_alt is required with cover", path: ["cover_alt"] });

const LessonFrontMatter = z.object({
  title: z.string().trim().min(3).max(150),
  module: z.string().trim().min(1).max(150),
  minutes: z.number().int().min(1).max(600),
  required: z.boolean().default(true),
});

export interface ContentLesson {
  key: string;
  meta: z.infer<typeof LessonFrontMatter>;
  markdown: string;
}

export interface ContentCourse {
  slug: string;
  dir: string;
  meta: z.infer<typeof CourseFrontMatter>;
  lessons: ContentLesson[];
  hash: string;
}

export class ContentError extends Error {}

function parse<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ContentError(`${file}: ${result.error.issues.map((i) => `${i.path.join(".") || "front matter"}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}

/** Reads and checks one course folder (no database access). */
export async function readContentCourse(dir: string): Promise<ContentCourse> {
  const slug = path.basename(dir);
  if (!SLUG.test(slug)) throw new ContentError(`${dir}: the folder name must be a slug (a-z, 0-9, hyphens)`);
  const names = (await readdir(dir)).sort();
  if (!names.includes("course.md")) throw new ContentError(`${dir}: course.md is missing`);
  const hash = createHash("sha256").update(`passerelle-content:${IMPORTER_VERSION}\n`);
  for (const name of names) {
    if ((await stat(path.join(dir, name))).isFile()) hash.update(`${name}\n`).update(await readFile(path.join(dir, name))).update("\n");
  }
  const course = matter(await readFile(path.join(dir, "course.md"), "utf8"));
  const meta = parse(CourseFrontMatter, course.data, path.join(dir, "course.md"));
  const lessons: ContentLesson[] = [];
  for (const name of names.filter((n) => n.endsWith(".md") && n !== "course.md" && n !== "README.md")) {
    const file = matter(await readFile(path.join(dir, name), "utf8"));
    // "02-reconnaitre-un-faux-message.md" → key "reconnaitre-un-faux-message": renumbering keeps the lesson.
    const key = name.replace(/\.md$/, "").replace(/^\d+[-_ ]*/, "");
    lessons.push({ key, meta: parse(LessonFrontMatter, file.data, path.join(dir, name)), markdown: file.content });
  }
  if (lessons.length === 0) throw new ContentError(`${dir}: no lesson file`);
  if (new Set(lessons.map((l) => l.key)).size !== lessons.length) throw new ContentError(`${dir}: two lesson files have the same name`);
  return { slug, dir, meta, lessons, hash: hash.digest("hex") };
}

export async function readContentDir(root: string): Promise<ContentCourse[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => path.join(root, e.name)).sort();
  return Promise.all(dirs.map(readContentCourse));
}

/** Images next to the Markdown go to the file storage under a name derived from their bytes. */
async function imageResolver(course: ContentCourse) {
  const urls = new Map<string, string>();
  const wanted = new Set<string>();
  const collect = (md: string) => {
    for (const m of md.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) if (!/^[a-z]+:|^\//i.test(m[1]!)) wanted.add(m[1]!);
  };
  course.lessons.forEach((l) => collect(l.markdown));
  if (course.meta.cover) wanted.add(course.meta.cover);
  for (const name of wanted) {
    const file = path.join(course.dir, name);
    if (path.dirname(path.resolve(file)) !== path.resolve(course.dir)) throw new ContentError(`${file}: images must sit next to the lessons`);
    const bytes = new Uint8Array(await readFile(file).catch(() => {
      throw new ContentError(`${file}: image not found`);
    }));
    const stored = await storeCourseImageAs(bytes, createHash("sha256").update(bytes).digest("hex"));
    urls.set(name, stored.fileName);
  }
  return urls;
}

export type ImportOutcome = "created" | "updated" | "unchanged";

function upsertCourse(trx: DbOrTrx, course: ContentCourse, images: Map<string, string>) {
  const m = course.meta;
  return q.upsertImportedCourse(trx, course.slug, {
    title: m.title,
    summary: m.summary,
    objectives: m.objectives,
    audiences: m.audiences,
    themes: m.themes,
    competences: m.competences,
    level: m.level,
    status: m.status,
    cover_image_key: m.cover ? images.get(m.cover)! : null,
    cover_alt: m.cover ? m.cover_alt! : null,
    content_hash: course.hash,
  });
}

async function importOne(db: Db, course: ContentCourse): Promise<ImportOutcome> {
  if ((await q.importedContentHash(db, course.slug)) === course.hash) return "unchanged";
  const images = await imageResolver(course);
  const resolveImage = (src: string) => {
    const fileName = images.get(src);
    return fileName === undefined ? null : courseImageUrl(fileName);
  };
  return db.transaction().execute(async (trx) => {
    const { id: courseId, inserted } = await upsertCourse(trx, course, images);
    const moduleTitles = [...new Set(course.lessons.map((l) => l.meta.module))];
    const moduleIds = new Map<string, string>();
    for (const [position, title] of moduleTitles.entries()) {
      moduleIds.set(title, await q.upsertImportedModule(trx, courseId, { title, position, sourceKey: slugify(title) }));
    }
    const lessonKeys: string[] = [];
    const nextPosition = new Map<string, number>();
    for (const lesson of course.lessons) {
      const moduleId = moduleIds.get(lesson.meta.module)!;
      const position = nextPosition.get(moduleId) ?? 0;
      nextPosition.set(moduleId, position + 1);
      // An object, not a string: the drivers encode jsonb parameters themselves.
      const body = sanitizeDocument(markdownToDocument(lesson.markdown, { resolveImage })).doc;
      const values = {
        module_id: moduleId,
        position,
        title: lesson.meta.title,
        estimated_minutes: lesson.meta.minutes,
        required: lesson.meta.required,
        body,
        search_text: lessonPlainText(body),
        deleted_at: null,
        deleted_by: null,
      };
      await q.upsertImportedLesson(trx, courseId, lesson.key, values);
      lessonKeys.push(lesson.key);
    }
    // The folder is the truth: what is no longer in it goes to the course's
    // trash (learners' progress kept, restorable for 30 days, decision 017).
    await q.trashRemovedContent(trx, courseId, [...moduleIds.values()], lessonKeys);
    await completeEnrolmentsNowDone(trx, courseId);
    await refreshSearchExtra(trx, courseId);
    return inserted ? "created" : "updated";
  });
}

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Imports every course folder under `root`, one transaction per course. */
export async function importContentCourses(
  db: Db,
  root = DEFAULT_CONTENT_DIR,
  { onStart, onCourse }: { onStart?: (total: number) => void; onCourse?: (slug: string, outcome: ImportOutcome) => void } = {},
): Promise<ImportReport> {
  const courses = await readContentDir(root);
  const report: ImportReport = { created: [], updated: [], unchanged: [] };
  onStart?.(courses.length);
  for (const course of courses) {
    const outcome = await importOne(db, course);
    report[outcome].push(course.slug);
    onCourse?.(course.slug, outcome);
  }
  return report;
}
