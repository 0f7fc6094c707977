import { createHash } from "node:crypto";

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
 * - The ETag hashes the page without its CSP nonce, which changes on every
 *   request while the page does not; a 304 sends no body, so no nonce.
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

function matches(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false;
  const weakless = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weakless(tag) === weakless(etag));
}

/** Reads the rendered page, tags it and answers 304 when the client already has it. */
export async function withValidators(request: Request, response: Response, nonce: string): Promise<Response> {
  const body = await response.text();
  const etag = `W/"${createHash("sha1").update(body.replaceAll(nonce, "")).digest("base64url")}"`;
  const headers = new Headers(response.headers);
  headers.set("ETag", etag);
  headers.set("Cache-Control", VISITOR_PAGE_CACHE);
  headers.append("Vary", "Cookie, Accept-Language");
  if (matches(request.headers.get("If-None-Match"), etag)) {
    for (const name of ["Content-Type", "Content-Length", "Content-Security-Policy"]) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}
