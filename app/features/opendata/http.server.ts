import { createHash } from "node:crypto";

export interface Publishable {
  body: string;
  contentType: string;
  /** When the data last changed (second precision on the wire). */
  lastModified: Date;
  /** Suggested file name for a download (Content-Disposition: inline keeps it readable in a browser). */
  filename?: string;
}

/** A strong validator: the SHA-256 of the exact bytes served. */
export function entityTag(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

function matchesEtag(header: string, etag: string) {
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .includes(etag);
}

/**
 * Serves a dataset with `ETag` and `Last-Modified`, answering 304 to a
 * matching `If-None-Match` — or, when that header is absent (RFC 9110 §13.2.2),
 * to an `If-Modified-Since` not older than the data. Open data may be read
 * from anywhere (CORS *), and caches keep it five minutes.
 */
export function publish(request: Request, item: Publishable): Response {
  const etag = entityTag(item.body);
  const lastModified = new Date(Math.floor(item.lastModified.getTime() / 1000) * 1000);
  const headers = new Headers({
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
    "Cache-Control": "public, max-age=300, must-revalidate",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    Vary: "Accept-Encoding",
  });
  const ifNoneMatch = request.headers.get("If-None-Match");
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  let notModified = false;
  if (ifNoneMatch !== null) {
    notModified = matchesEtag(ifNoneMatch, etag);
  } else if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    notModified = !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  if (notModified) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", item.contentType);
  if (item.filename) headers.set("Content-Disposition", `inline; filename="${item.filename}"`);
  return new Response(request.method === "HEAD" ? null : item.body, { status: 200, headers });
}
