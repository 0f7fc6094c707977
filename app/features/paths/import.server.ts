import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import type { Db } from "../../lib/db.server";
import { PIX_COMPETENCES, THEMES } from "../courses/vocabulary";
import { PATH_AUDIENCES } from "./model";
import * as q from "./queries.server";

/**
 * Learner paths as files: `content/paths/<slug>.md`, YAML front matter for
 * the path, its steps and its badge; the Markdown body is the summary shown
 * on the path page. Course badges (a course that carries a badge by itself):
 * `content/badges/<course-slug>.md`. `npm run paths:import` loads them;
 * a file whose content did not change is skipped.
 */

// The national codes, as the courses domain already lists them (a unit test checks them against ../shared/standards).
export { PIX_COMPETENCES, THEMES };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by dashes");
const text = (max: number) => z.string().trim().min(1).max(max);
const badgeSchema = z.object({
  name: text(120),
  description: text(500),
  criteria: text(1000),
  /** Every scored lesson must reach this best score (0..1) for the badge. */
  passMark: z.number().gt(0).max(1).optional(),
  /** Minutes spent in the lessons (opened → marked done) for the badge. */
  minutes: z.number().int().min(1).max(6000).optional(),
});

const stepSchema = z
  .object({
    key: slug,
    title: text(150),
    description: z.string().trim().max(1000).default(""),
    course: slug.optional(),
    workshop: z.enum(THEMES).optional(),
    classroom: z.literal(true).optional(),
    optional: z.boolean().default(false),
    requires: z.array(slug).default([]),
    competences: z.array(z.enum(PIX_COMPETENCES)).default([]),
  })
  .refine((s) => [s.course, s.workshop, s.classroom].filter((v) => v !== undefined).length === 1, {
    error: "a step is exactly one of: course, workshop, classroom",
  });

export const PathFileSchema = z
  .object({
    slug,
    title: text(150),
    audience: z.enum(PATH_AUDIENCES as unknown as [string, ...string[]]),
    goal: text(400),
    position: z.number().int().min(0).max(1000).default(0),
    badge: badgeSchema,
    steps: z.array(stepSchema).min(1).max(30),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, boolean>();
    p.steps.forEach((step, i) => {
      if (seen.has(step.key)) ctx.addIssue({ code: "custom", path: ["steps", i, "key"], message: `duplicate key "${step.key}"` });
      for (const req of step.requires) {
        // Prerequisites point backwards: no cycles, and the page reads top to bottom.
        if (!seen.has(req)) ctx.addIssue({ code: "custom", path: ["steps", i, "requires"], message: `"${req}" is not an earlier step` });
        else if (seen.get(req) && !step.optional) {
          ctx.addIssue({ code: "custom", path: ["steps", i, "requires"], message: `required step "${step.key}" cannot depend on optional "${req}"` });
        }
      }
      seen.set(step.key, step.optional);
    });
    if (!p.steps.some((s) => !s.optional)) ctx.addIssue({ code: "custom", path: ["steps"], message: "a path needs at least one required step" });
  });

export const CourseBadgeFileSchema = badgeSchema.extend({
  course: slug,
  competences: z.array(z.enum(PIX_COMPETENCES)).default([]),
});

export type PathFile = z.infer<typeof PathFileSchema>;

export interface ParsedFile<T> {
  file: string;
  hash: string;
  data: T;
  body: string;
}

function parseFile<T>(file: string, raw: string, schema: z.ZodType<T>): ParsedFile<T> {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options passed: gray-matter then skips its by-content cache (which keeps a failed parse).
    parsed = matter(raw, {});
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const { data, content } = parsed;
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`).join("\n");
    throw new Error(`${file}:\n${issues}`);
  }
  return { file, hash: createHash("sha256").update(raw).digest("hex"), data: result.data, body: content.trim() };
}

async function readFolder<T>(dir: string, schema: z.ZodType<T>): Promise<ParsedFile<T>[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".md")).sort();
  return Promise.all(names.map(async (n) => parseFile(path.join(dir, n), await readFile(path.join(dir, n), "utf8"), schema)));
}

export const readPathFiles = (dir: string) => readFolder(dir, PathFileSchema);
export const readCourseBadgeFiles = (dir: string) => readFolder(dir, CourseBadgeFileSchema);

export interface ImportReport {
  imported: string[];
  unchanged: string[];
  warnings: string[];
}

/** The Markdown body as plain paragraphs (no HTML reaches the page). */
const summaryOf = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");

/**
 * Imports every path and course badge of `contentDir` (`paths/`, `badges/`).
 * All files are read and checked before anything is written; each path is
 * written in its own transaction. `onProgress` is called after each file.
 */
export async function importPaths(
  db: Db,
  contentDir: string,
  { force = false, onProgress }: { force?: boolean; onProgress?: (done: number, total: number, file: string) => void } = {},
): Promise<ImportReport> {
  const paths = await readPathFiles(path.join(contentDir, "paths"));
  const badges = await readCourseBadgeFiles(path.join(contentDir, "badges"));
  const report: ImportReport = { imported: [], unchanged: [], warnings: [] };
  const courseSlugs = [...new Set([...paths.flatMap((p) => p.data.steps.flatMap((s) => (s.course ? [s.course] : []))), ...badges.map((b) => b.data.course)])];
  const known = new Set((await q.findCourseTitles(db, courseSlugs)).map((c) => c.slug));
  for (const slugName of courseSlugs) {
    if (!known.has(slugName)) report.warnings.push(`course "${slugName}" is not in the database yet: its steps show as "not available" until it is imported`);
  }
  const total = paths.length + badges.length;
  let done = 0;

  for (const file of paths) {
    const p = file.data;
    const existing = await q.findPathBySlug(db, p.slug);
    if (existing?.content_hash === file.hash && !force) {
      report.unchanged.push(p.slug);
    } else {
      await db.transaction().execute(async (trx) => {
        const saved = await q.upsertPath(trx, { slug: p.slug, title: p.title, audience: p.audience, goal: p.goal, summary: summaryOf(file.body), position: p.position, contentHash: file.hash });
        await q.replaceSteps(
          trx,
          saved.id,
          p.steps.map((s) => ({
            key: s.key,
            kind: s.course ? ("course" as const) : s.workshop ? ("workshop_theme" as const) : ("classroom" as const),
            title: s.title,
            description: s.description,
            course_slug: s.course ?? null,
            workshop_theme: s.workshop ?? null,
            optional: s.optional,
            requires: s.requires,
            competences: s.competences,
          })),
        );
        const competences = [...new Set(p.steps.filter((s) => !s.optional).flatMap((s) => s.competences))].sort();
        await q.upsertAchievement(trx, {
          slug: `parcours-${p.slug}`,
          kind: "path",
          pathId: saved.id,
          courseSlug: null,
          name: p.badge.name,
          description: p.badge.description,
          criteria: p.badge.criteria,
          passMark: p.badge.passMark ?? null,
          minLessonMinutes: p.badge.minutes ?? null,
          competences,
          contentHash: file.hash,
        });
      });
      report.imported.push(p.slug);
    }
    onProgress?.(++done, total, file.file);
  }

  for (const file of badges) {
    const b = file.data;
    if ((await q.findAchievementHash(db, `cours-${b.course}`)) === file.hash && !force) {
      report.unchanged.push(`badge:${b.course}`);
      onProgress?.(++done, total, file.file);
      continue;
    }
    await q.upsertAchievement(db, {
      slug: `cours-${b.course}`,
      kind: "course",
      pathId: null,
      courseSlug: b.course,
      name: b.name,
      description: b.description,
      criteria: b.criteria,
      passMark: b.passMark ?? null,
      minLessonMinutes: b.minutes ?? null,
      competences: b.competences,
      contentHash: file.hash,
    });
    report.imported.push(`badge:${b.course}`);
    onProgress?.(++done, total, file.file);
  }
  return report;
}
