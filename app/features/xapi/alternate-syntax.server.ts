import { readBody } from "./body.server";
import { badRequest, type LrsError } from "./errors";
import { mediaType } from "./multipart";

/**
 * The Alternate Request Syntax (xAPI-Communication §1.3), for clients that
 * can only send POST and set no headers (old browsers' cross-domain
 * requests, or a GET of statements whose query string would be too long):
 * `POST <resource>?method=PUT` with an `application/x-www-form-urlencoded`
 * body holding the headers, the query parameters and the `content`. The
 * request is rewritten into the one it stands for, and every resource then
 * handles it exactly as if it had been sent normally.
 */
const METHODS = ["GET", "PUT", "POST", "DELETE"];
/** Form fields read as headers (§1.3.s3.b6–b7); Content-Length describes the content and is not needed to read it. */
const HEADER_FIELDS = ["authorization", "x-experience-api-version", "content-type", "content-length", "if-match", "if-none-match"];
/** URL encoding takes up to 9 bytes for one byte of content; 3 is enough for JSON and text in Latin scripts. */
const ENCODING_ALLOWANCE = 3;

export interface AlternateOptions {
  /** What the content is when the form names no Content-Type: JSON for statements, bytes for documents. */
  defaultContentType: string;
  /** The largest content the resource accepts. */
  maxContentBytes: number;
  tooLarge?: () => LrsError;
}

/** True when the request uses the alternate syntax (a `method` query parameter), whatever its HTTP method. */
export function isAlternate(request: Request) {
  return new URL(request.url).searchParams.has("method");
}

/**
 * The request an alternate-syntax request stands for; any other request as it is.
 * 400 when the syntax is broken: not a POST, other query parameters, another
 * body type, a repeated field, content on a GET or DELETE, or binary content.
 */
export async function fromAlternateSyntax(request: Request, options: AlternateOptions): Promise<Request> {
  if (!isAlternate(request)) return request;
  const url = new URL(request.url);
  if (request.method !== "POST") throw badRequest("alternate_not_post");
  const other = [...url.searchParams.keys()].find((name) => name !== "method");
  if (other !== undefined || url.searchParams.getAll("method").length > 1) throw badRequest("alternate_query", { name: other ?? "method" });
  const method = url.searchParams.get("method")!;
  if (!METHODS.includes(method)) throw badRequest("alternate_method", { method });
  if (mediaType(request.headers.get("Content-Type")) !== "application/x-www-form-urlencoded") throw badRequest("alternate_content_type");

  const form = new URLSearchParams((await readBody(request, options.maxContentBytes * ENCODING_ALLOWANCE, options.tooLarge)).toString("utf8"));
  const names = [...form.keys()].map((n) => n.toLowerCase());
  if (new Set(names).size !== names.length) throw badRequest("repeated_parameter");

  const headers = new Headers(request.headers);
  headers.delete("Content-Type");
  headers.delete("Content-Length");
  const target = new URL(url.pathname, url);
  let content: string | null = null;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (lower === "content") content = value;
    else if (lower === "content-length") continue;
    else if (HEADER_FIELDS.includes(lower)) headers.set(name, value);
    else target.searchParams.append(name, value);
  }
  const sends = method === "PUT" || method === "POST";
  if (!sends && content !== null) throw badRequest("alternate_content_not_allowed", { method });
  if (sends) {
    // No "content" field is an empty body, which each resource then judges as it would a normal one.
    content ??= "";
    if (!headers.has("Content-Type")) headers.set("Content-Type", options.defaultContentType);
    if (mediaType(headers.get("Content-Type")).startsWith("multipart/")) throw badRequest("alternate_binary");
  }
  return new Request(target, { method, headers, body: content ?? undefined });
}
