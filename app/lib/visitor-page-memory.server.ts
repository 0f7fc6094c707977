import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

/**
 * Visitors' pages kept by each worker under the tag known before rendering
 * (decision 050). The tag already names everything such a page depends on —
 * the data version, the build, the URL, the cookies, the accepted languages,
 * the host and the minute (app/lib/http-cache.server.ts) — so the page a
 * worker rendered for one visitor is the page it would render for the next
 * one with the same tag, and a worker answers a matching If-None-Match with a
 * 304 on that same ground. A changed row, a new release or the next minute
 * gives a new tag: nothing is ever invalidated, entries simply stop being
 * asked for and the oldest go first.
 *
 * Each worker keeps its own: a second worker misses and renders, it is never
 * served another worker's stale copy. While one request renders a tag, the
 * others asking for the same tag wait for it instead of rendering it again
 * (twenty people opening the same lesson at the start of a workshop).
 */

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set(["x-request-id", "content-length", "date", "set-cookie", "connection", "keep-alive", "transfer-encoding"]);

export interface RememberedPage {
  headers: [string, string][];
  body: Buffer;
  /** Compressed once, on first demand, and kept beside the plain body. */
  encoded: Partial<Record<"br" | "gzip", Buffer>>;
}

interface Limits {
  entries: number;
  bytes: number;
}

let limits: Limits = { entries: 300, bytes: 32 * 1024 * 1024 };
const pages = new Map<string, RememberedPage>();
let bytesHeld = 0;
const rendering = new Map<string, Array<() => void>>();

/** Set by app/server.ts from VISITOR_PAGE_MEMORY; 0 entries turns the memory off. */
export function setVisitorPageMemoryLimits(next: Partial<Limits>) {
  limits = { ...limits, ...next };
  forgetBeyondLimits();
}

export function visitorPageMemoryEnabled() {
  return limits.entries > 0;
}

function sizeOf(page: RememberedPage) {
  return page.body.length + (page.encoded.br?.length ?? 0) + (page.encoded.gzip?.length ?? 0);
}

function forgetBeyondLimits() {
  for (const [tag, page] of pages) {
    if (pages.size <= limits.entries && bytesHeld <= limits.bytes) break;
    pages.delete(tag);
    bytesHeld -= sizeOf(page);
  }
}

/** The page kept under this tag, now the most recently used one. */
export function recall(tag: string): RememberedPage | undefined {
  const page = pages.get(tag);
  if (!page) return undefined;
  pages.delete(tag);
  pages.set(tag, page);
  return page;
}

/** Keeps a rendered visitor's page (200, HTML, no cookie) under the tag it was rendered for. */
export function remember(tag: string, headers: Headers, body: Uint8Array) {
  if (!visitorPageMemoryEnabled() || body.length > limits.bytes / 8) return;
  const previous = pages.get(tag);
  if (previous) bytesHeld -= sizeOf(previous);
  const page: RememberedPage = {
    headers: [...headers].filter(([name]) => !PER_RESPONSE.has(name.toLowerCase())),
    body: Buffer.from(body),
    encoded: {},
  };
  pages.delete(tag);
  pages.set(tag, page);
  bytesHeld += sizeOf(page);
  forgetBeyondLimits();
}

/** The body in the encoding asked for, compressed the first time it is asked for. */
export function encodedBody(page: RememberedPage, encoding: "br" | "gzip" | "identity"): Buffer {
  if (encoding === "identity") return page.body;
  let encoded = page.encoded[encoding];
  if (!encoded) {
    encoded =
      encoding === "br"
        ? brotliCompressSync(page.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: page.body.length } })
        : gzipSync(page.body, { level: 6 });
    page.encoded[encoding] = encoded;
    bytesHeld += encoded.length;
  }
  return encoded;
}

/**
 * Claims the rendering of a tag: either this request renders it (`release`,
 * to call when its response is finished, kept or not), or another request
 * already does and `wait` settles when that one is finished.
 */
export function claimRendering(tag: string): { release: () => void } | { wait: Promise<void> } {
  const waiting = rendering.get(tag);
  if (waiting) return { wait: new Promise<void>((resolve) => waiting.push(resolve)) };
  rendering.set(tag, []);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      const waiters = rendering.get(tag) ?? [];
      rendering.delete(tag);
      for (const wake of waiters) wake();
    },
  };
}

/** For tests: what is held. */
export function visitorPageMemoryStats() {
  return { entries: pages.size, bytes: bytesHeld, rendering: rendering.size };
}

export function forgetAllVisitorPages() {
  pages.clear();
  bytesHeld = 0;
}
