import { createHash } from "node:crypto";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { currentDataVersion } from "./data-version.server";
import { claimRendering, encodedBody, recall, remember, visitorPageMemoryEnabled, type RememberedPage } from "./visitor-page-memory.server";

/**
 * Visitors' pages (catalogue, course, lesson, place, workshop…) are the same
 * for every visitor in a language and display mode, so a reverse proxy may
 * keep them briefly and a phone may revalidate them for a 304 instead of
 * downloading them again (issue 17). Signed-in pages never get here: they are
 * `private, no-store` (markPrivate).
 *
 * - `Vary: Cookie, Accept-Language`: the language comes from the `lng` cookie
 *   or the header, the display mode from a cookie; a shared cache keys on
 *   both, so it never serves one variant for another (in practice a proxy
 *   keeps only the cookie-less variant).
 * - `max-age=0, s-maxage`: browsers revalidate every time (a 304 is a few
 *   hundred bytes on a phone), shared caches keep the page for a short while.
 * - The catalogue, course, lesson, path, place and workshop pages carry a tag
 *   known before rendering (decision 049): the data version, the build, the
 *   URL, the headers the page may depend on and the minute. A worker answers
 *   a matching If-None-Match from that alone (answerBeforeRendering), and
 *   the next visitor from the page it kept under that tag (decision 050).
 *   Other visitors' pages keep a hash of the rendered page without its CSP
 *   nonce, which changes on every request while the page does not.
 */
export const VISITOR_PAGE_CACHE = "public, max-age=0, s-maxage=30";

export function isVisitorPage(request: Request, response: Response) {
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    response.status === 200 &&
    /^text\/html\b/.test(response.headers.get("Content-Type") ?? "") &&
    !response.headers.has("Set-Cookie") &&
    !response.headers.has("Cache-Control")
  );
}

/**
 * Pages whose content comes only from the tables carrying the data-version
 * triggers (db/migrations/2026-12-24_data-version.ts), the request's URL and
 * headers, and the time. A page added here must read no other table.
 */
const TAGGED_BEFORE_RENDERING = [
  /^\/$/,
  /^\/cours$/,
  /^\/cours\/[^/]+$/,
  /^\/cours\/[^/]+\/lecons\/[^/]+$/,
  /^\/parcours$/,
  /^\/parcours\/[^/]+$/,
  /^\/lieux$/,
  /^\/lieux\/[^/]+$/,
  /^\/ateliers$/,
  /^\/ateliers\/[^/.]+$/,
];

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?passerelle_session=/;
/** Pages that show "now" (workshops to come, open hours) change at most once a minute. */
const TIME_BUCKET_MS = 60_000;

let buildId: string | null = null;
/** Set by app/server.ts from the server build: a new release never revalidates an old page. */
export function setBuildId(id: string) {
  buildId = id;
}

interface TagInput {
  /** Path and query as the WHATWG URL parser normalises them. */
  pathAndQuery: string;
  header(name: string): string | null | undefined;
}

/**
 * The tag of a visitor's page, known before rendering; null when it cannot be
 * known (no version: LISTEN down; a dev server without build id; not a page
 * of the list). Everything a visitor's page may depend on is in it: the data
 * version, the build, the URL, the cookies (language, display mode), the
 * languages the browser accepts, the host as the client named it, the minute.
 */
export function visitorTag({ pathAndQuery, header }: TagInput, now = Date.now()): string | null {
  const version = currentDataVersion();
  if (version === null || buildId === null) return null;
  const path = pathAndQuery.split("?", 1)[0]!;
  if (!TAGGED_BEFORE_RENDERING.some((re) => re.test(path))) return null;
  const cookie = header("cookie") ?? "";
  if (SESSION_COOKIE.test(cookie)) return null;
  const parts = [
    version,
    buildId,
    pathAndQuery,
    cookie,
    header("accept-language") ?? "",
    header("host") ?? "",
    header("x-forwarded-host") ?? "",
    header("x-forwarded-proto") ?? "",
    String(Math.floor(now / TIME_BUCKET_MS)),
  ];
  return `W/"v-${createHash("sha1").update(parts.join("\0")).digest("base64url")}"`;
}

export function tagOfRequest(request: Request): string | null {
  const url = new URL(request.url);
  return visitorTag({ pathAndQuery: url.pathname + url.search, header: (name) => request.headers.get(name) });
}

function setVisitorHeaders(headers: { set(name: string, value: string): unknown }, etag: string) {
  headers.set("ETag", etag);
  headers.set("Cache-Control", VISITOR_PAGE_CACHE);
}

/**
 * Express, before React Router and compression: an anonymous GET/HEAD of a
 * tagged page is answered here, without running the router, a loader or a
 * query — with a 304 when its If-None-Match holds the current tag, with the
 * page this worker rendered under the same tag when it has it (decision 050).
 * While one request renders a tag, the others for the same tag wait for it.
 */
export const answerBeforeRendering: RequestHandler = async (req, res, next) => {
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  const ifNoneMatch = req.headers["if-none-match"];
  if (!ifNoneMatch && !visitorPageMemoryEnabled()) return next();
  let pathAndQuery: string;
  try {
    const url = new URL(req.originalUrl, "http://localhost");
    pathAndQuery = url.pathname + url.search;
  } catch {
    return next();
  }
  const etag = visitorTag({ pathAndQuery, header: (name) => [req.headers[name]].flat()[0] });
  if (!etag) return next();
  if (ifNoneMatch && matches(ifNoneMatch, etag)) {
    setVisitorHeaders(res, etag);
    res.setHeader("Vary", "Cookie, Accept-Language");
    res.locals.answeredBeforeRendering = "not modified";
    return void res.status(304).end();
  }
  if (!visitorPageMemoryEnabled()) return next();
  let page = recall(etag);
  if (!page) {
    const claim = claimRendering(etag);
    if ("release" in claim) {
      res.once("close", claim.release);
      return next();
    }
    await claim.wait;
    // Not kept (an error page, a cookie set): this one renders on its own.
    page = recall(etag);
    if (!page) return next();
  }
  sendRemembered(req, res, page);
};

function sendRemembered(req: ExpressRequest, res: ExpressResponse, page: RememberedPage) {
  const encoding = req.headers["accept-encoding"] ? req.acceptsEncodings("br", "gzip", "identity") || "identity" : "identity";
  const body = encodedBody(page, encoding as "br" | "gzip" | "identity");
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.vary("Accept-Encoding");
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  res.locals.answeredBeforeRendering = "kept page";
  res.status(200).end(req.method === "HEAD" ? undefined : body);
}

function matches(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false;
  const weakless = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weakless(tag) === weakless(etag));
}

/**
 * Tags a visitor's page and answers 304 when the client already has it:
 * with the tag computed before rendering when there is one (a page rendered
 * by a worker whose version was unknown, or whose tag moved on, keeps it),
 * otherwise with a hash of the rendered page.
 */
export async function withValidators(request: Request, response: Response, nonce: string, tagBeforeRendering: string | null): Promise<Response> {
  const headers = new Headers(response.headers);
  if (tagBeforeRendering) {
    setVisitorHeaders(headers, tagBeforeRendering);
    headers.append("Vary", "Cookie, Accept-Language");
    if (!matches(request.headers.get("If-None-Match"), tagBeforeRendering)) {
      if (!visitorPageMemoryEnabled() || request.method !== "GET") return new Response(response.body, { status: 200, headers });
      const body = new Uint8Array(await response.arrayBuffer());
      remember(tagBeforeRendering, headers, body);
      return new Response(body, { status: 200, headers });
    }
    await response.body?.cancel();
    for (const name of ["Content-Type", "Content-Length", "Content-Security-Policy"]) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  const body = await response.text();
  const etag = `W/"${createHash("sha1").update(body.replaceAll(nonce, "")).digest("base64url")}"`;
  setVisitorHeaders(headers, etag);
  headers.append("Vary", "Cookie, Accept-Language");
  if (matches(request.headers.get("If-None-Match"), etag)) {
    for (const name of ["Content-Type", "Content-Length", "Content-Security-Policy"]) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}
