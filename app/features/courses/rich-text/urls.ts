import { href } from "react-router";

/**
 * URL checks shared by the renderer, the sanitizer and the editor. A value
 * that fails a check is dropped, never "repaired".
 */

const COURSE_IMAGE = /^\/fichiers\/cours\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp|gif)$/;

export const IMAGE_EXTENSIONS: Record<string, "png" | "jpg" | "webp" | "gif"> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Where a course image is served (app/routes/courses.image.ts); COURSE_IMAGE above checks the same shape. */
export function courseImageUrl(fileName: string) {
  return href("/fichiers/cours/:fileName", { fileName });
}

/** Images come only from our own storage route: no tracking pixels, no `javascript:`. */
export function safeImageSrc(value: unknown): string | null {
  return typeof value === "string" && COURSE_IMAGE.test(value) ? value : null;
}

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * Links may be http(s), mailto or relative to this site. Control characters,
 * whitespace and backslashes are refused outright: browsers strip or rewrite
 * them, which is how `java\tscript:` and `/\evil.example` slip through filters.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const href = value.trim();
  if (!href || href.length > 2048) return null;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(href)) return null;
  if (href.startsWith("#")) return href;
  if (href.startsWith("/")) return href.startsWith("//") ? null : href;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && (url.username || url.password)) return null;
  return url.href;
}

export function isExternalHref(href: string) {
  return /^(https?:|mailto:)/.test(href);
}
