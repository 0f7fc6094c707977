import { z } from "zod";
import type { Audience, CourseLevel } from "../../../db/schema/courses";
import { AUDIENCES, LEVELS, PIX_COMPETENCES, THEMES } from "./vocabulary";

// Shared by the authoring forms and their actions. Messages are i18n keys.

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const title = z
  .string({ error: "courses:errors.title_required" })
  .trim()
  .min(3, "courses:errors.title_short")
  .max(150, "courses:errors.title_long");

const lines = (max: number, maxLength: number) =>
  z
    .string()
    .max(max * (maxLength + 2), "courses:errors.too_long")
    .optional()
    .transform((text) =>
      (text ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(maxLength, "courses:errors.line_too_long")).max(max, "courses:errors.too_many_lines"));

export const CourseDetailsSchema = z.object({
  title,
  slug: z.string().trim().max(80, "courses:errors.slug_invalid").regex(SLUG, "courses:errors.slug_invalid").optional(),
  summary: z.string().trim().max(600, "courses:errors.summary_long").optional().default(""),
  objectives: lines(12, 200),
  audiences: z
    .array(z.enum(AUDIENCES as unknown as readonly [Audience, ...Audience[]]), { error: "courses:errors.audience_required" })
    .min(1, "courses:errors.audience_required"),
  themes: z.array(z.enum(THEMES)).max(5, "courses:errors.too_many_themes").optional().default([]),
  competences: z.array(z.enum(PIX_COMPETENCES)).optional().default([]),
  level: z.enum(LEVELS as unknown as readonly [CourseLevel, ...CourseLevel[]], { error: "courses:errors.level_required" }),
});
export type CourseDetailsInput = z.infer<typeof CourseDetailsSchema>;

export const CoverSchema = z.object({
  cover: z.instanceof(File, { error: "courses:errors.cover_required" }),
  coverAlt: z
    .string({ error: "courses:errors.alt_required" })
    .trim()
    .min(1, "courses:errors.alt_required")
    .max(300, "courses:errors.alt_long"),
});

export const ModuleTitleSchema = z.object({
  title: title,
});

export const NewLessonSchema = z.object({
  moduleId: z.uuid({ error: "courses:errors.module_required" }),
  title,
});

// Posted by buttons, never typed: a wrong value is a forged or stale form.
const BAD_REQUEST = { error: "errors:bad_request" };

export const MoveSchema = z.object({
  id: z.uuid(BAD_REQUEST),
  direction: z.enum(["up", "down"], BAD_REQUEST),
});

export const IdSchema = z.object({ id: z.uuid(BAD_REQUEST) });

const intent = <T extends string>(name: T) => ({ intent: z.literal(name) });

/** Every form of the course editor, told apart by its `intent` (app/routes/courses.edit.tsx). */
export const CourseEditSchema = z.discriminatedUnion(
  "intent",
  [
    CourseDetailsSchema.extend(intent("details")),
    CoverSchema.extend(intent("cover")),
    z.object(intent("remove-cover")),
    z.object(intent("publish")),
    z.object(intent("unpublish")),
    ModuleTitleSchema.extend(intent("add-module")),
    ModuleTitleSchema.extend(IdSchema.shape).extend(intent("rename-module")),
    NewLessonSchema.extend(intent("add-lesson")),
    MoveSchema.extend(intent("move-module")),
    MoveSchema.extend(intent("move-lesson")),
    IdSchema.extend(intent("trash-module")),
    IdSchema.extend(intent("trash-lesson")),
    IdSchema.extend(intent("restore-module")),
    IdSchema.extend(intent("restore-lesson")),
  ],
  BAD_REQUEST,
);
export type CourseEdit = z.output<typeof CourseEditSchema>;

/** The editor posts the tiptap document as JSON in a hidden input. */
export const LessonSchema = z.object({
  title,
  estimatedMinutes: z
    .number({ error: "courses:errors.minutes_invalid" })
    .int("courses:errors.minutes_invalid")
    .min(1, "courses:errors.minutes_invalid")
    .max(600, "courses:errors.minutes_invalid"),
  required: z.boolean().optional().default(false),
  body: z
    .string({ error: "courses:errors.body_invalid" })
    .max(500_000, "courses:errors.body_too_long")
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "courses:errors.body_invalid" });
        return z.NEVER;
      }
    }),
});
export type LessonInput = z.infer<typeof LessonSchema>;

/** Catalogue filters from the query string; anything unknown is ignored rather than refused. */
export function parseCatalogueFilters(url: URL) {
  const get = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const oneOf = <T extends string>(list: readonly T[], value: string | undefined) => (list.includes(value as T) ? (value as T) : undefined);
  const page = Number(url.searchParams.get("page") ?? "1");
  return {
    q: get("q")?.slice(0, 100),
    audience: oneOf(AUDIENCES, get("public")),
    theme: oneOf(THEMES, get("theme")),
    level: oneOf(LEVELS, get("niveau")),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/**
 * « J'ai terminé cette leçon »: `openedAt` is the signed time the page was
 * served (opened-at.server.ts); a value that does not verify is ignored.
 */
export const CompleteLessonSchema = z.object({ openedAt: z.string().max(100).optional() });

/** « Commencer » on the course page: enrols, then leads to the lesson. */
export const StartCourseSchema = z.object({ intent: z.literal("start") });
