import { extensionOf } from "./package.server";

/** Content types by extension, for what package.server.ts lets through. Anything else is opaque bytes. */
const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  svg: "image/svg+xml",
  webm: "video/webm",
  mp4: "video/mp4",
  m4v: "video/mp4",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  ogv: "video/ogg",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  txt: "text/plain; charset=utf-8",
  md: "text/plain; charset=utf-8",
  vtt: "text/vtt; charset=utf-8",
  webvtt: "text/vtt; charset=utf-8",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  xml: "text/plain; charset=utf-8",
  eot: "application/vnd.ms-fontobject",
  ttf: "font/ttf",
  otf: "font/otf",
  woff: "font/woff",
  woff2: "font/woff2",
};

export function contentTypeOf(path: string) {
  return TYPES[extensionOf(path)] ?? "application/octet-stream";
}
