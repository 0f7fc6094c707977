import { extensionOf } from "./package.server";

/**
 * How each extension package.server.ts lets through is served. `inline`
 * types are what the player shows (images, media, fonts, text, its code);
 * everything else on H5P core's whitelist — office documents, TIFF, Flash,
 * 3D models — is sent as a download (`Content-Disposition: attachment`), so
 * a browser never renders it in our origin. Text that could be taken for
 * markup (XML, Markdown, Textile, diffs) is plain text. Unknown: opaque bytes.
 */
interface Served {
  type: string;
  inline: boolean;
}

const text = "text/plain; charset=utf-8";
const TYPES: Record<string, Served> = {
  js: { type: "text/javascript; charset=utf-8", inline: true },
  css: { type: "text/css; charset=utf-8", inline: true },
  json: { type: "application/json; charset=utf-8", inline: true },
  png: { type: "image/png", inline: true },
  jpg: { type: "image/jpeg", inline: true },
  jpeg: { type: "image/jpeg", inline: true },
  gif: { type: "image/gif", inline: true },
  webp: { type: "image/webp", inline: true },
  bmp: { type: "image/bmp", inline: true },
  svg: { type: "image/svg+xml", inline: true },
  webm: { type: "video/webm", inline: true },
  mp4: { type: "video/mp4", inline: true },
  m4v: { type: "video/mp4", inline: true },
  ogg: { type: "audio/ogg", inline: true },
  oga: { type: "audio/ogg", inline: true },
  ogv: { type: "video/ogg", inline: true },
  mp3: { type: "audio/mpeg", inline: true },
  m4a: { type: "audio/mp4", inline: true },
  wav: { type: "audio/wav", inline: true },
  txt: { type: text, inline: true },
  md: { type: text, inline: true },
  textile: { type: text, inline: true },
  diff: { type: text, inline: true },
  patch: { type: text, inline: true },
  xml: { type: text, inline: true },
  csv: { type: "text/csv; charset=utf-8", inline: true },
  vtt: { type: "text/vtt; charset=utf-8", inline: true },
  webvtt: { type: "text/vtt; charset=utf-8", inline: true },
  pdf: { type: "application/pdf", inline: true },
  eot: { type: "application/vnd.ms-fontobject", inline: true },
  ttf: { type: "font/ttf", inline: true },
  otf: { type: "font/otf", inline: true },
  woff: { type: "font/woff", inline: true },
  woff2: { type: "font/woff2", inline: true },
  // 3D models are read by library code (fetch), which a download does not prevent.
  gltf: { type: "model/gltf+json", inline: false },
  glb: { type: "model/gltf-binary", inline: false },
  tif: { type: "image/tiff", inline: false },
  tiff: { type: "image/tiff", inline: false },
  rtf: { type: "application/rtf", inline: false },
  doc: { type: "application/msword", inline: false },
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", inline: false },
  xls: { type: "application/vnd.ms-excel", inline: false },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", inline: false },
  ppt: { type: "application/vnd.ms-powerpoint", inline: false },
  pptx: { type: "application/vnd.openxmlformats-officedocument.presentationml.presentation", inline: false },
  odt: { type: "application/vnd.oasis.opendocument.text", inline: false },
  ods: { type: "application/vnd.oasis.opendocument.spreadsheet", inline: false },
  odp: { type: "application/vnd.oasis.opendocument.presentation", inline: false },
  swf: { type: "application/x-shockwave-flash", inline: false },
};

const OPAQUE: Served = { type: "application/octet-stream", inline: false };

export function servedAs(path: string): Served {
  return TYPES[extensionOf(path)] ?? OPAQUE;
}

export function contentTypeOf(path: string) {
  return servedAs(path).type;
}
