import { randomBytes } from "node:crypto";
import type { TFunction } from "i18next";
import type { Db } from "../../lib/db.server";
import { publicUrl } from "../../lib/public-url.server";
import { logger } from "../../lib/logger.server";
import { readAttachmentParts, type AttachmentParts } from "./attachments";
import { attachmentContent, type StoredAttachment } from "./attachments.server";
import { fromAlternateSyntax } from "./alternate-syntax.server";
import { readBody } from "./body.server";
import { authenticate } from "./credentials.server";
import { badRequest, LrsError } from "./errors";
import { boundaryOf, closeDelimiter, mediaType, MultipartError, parseMultipart, partHead } from "./multipart";
import { parseStatementRequest } from "./query-params";
import { canWrite, putStatement, readScope, readStatements, storeStatements, type Writer } from "./service.server";
import { isUuid } from "./validation";

/**
 * The LRS over HTTP (xAPI-Communication §2–3): headers, authentication,
 * content negotiation and JSON errors around the service verbs. Browser
 * clients of other origins may call it (CORS, no cookies involved).
 */
export const XAPI_VERSION = "1.0.3";
export const SUPPORTED_VERSIONS = ["1.0.3", "1.0.2", "1.0.1", "1.0.0"];
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A whole multipart/mixed request, statements and attachment data together (decision 018). */
export const MAX_MULTIPART_BYTES = 20 * 1024 * 1024;

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "X-Experience-API-Version, X-Experience-API-Consistent-Through, Last-Modified, Content-Type, ETag",
};

/** The headers of every LRS answer (version, no caching, CORS) plus `extra`. */
export function lrsHeaders(extra: Record<string, string> = {}) {
  return {
    "X-Experience-API-Version": XAPI_VERSION,
    "Cache-Control": "no-store",
    ...CORS_HEADERS,
    ...extra,
  };
}

export function lrsJson(body: unknown, status = 200, extra: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: lrsHeaders({ "Content-Type": "application/json; charset=utf-8", ...extra }) });
}

export function lrsEmpty(status: number, extra: Record<string, string> = {}) {
  return new Response(null, { status, headers: lrsHeaders(extra) });
}

/** What the handlers need from the request context (tests pass their own). */
export interface LrsDeps {
  db: Db;
  t: TFunction;
}

function errorResponse(error: LrsError, t: TFunction) {
  const values = { ...error.values };
  if (typeof values.reason === "string") values.reason = t(values.reason);
  const extra: Record<string, string> = error.status === 401 ? { "WWW-Authenticate": 'Basic realm="Passerelle LRS", charset="UTF-8"' } : {};
  return lrsJson({ error: error.code, message: t(error.messageKey, values) }, error.status, extra);
}

/** Runs `work`, turning LRS errors into JSON answers and anything else into a logged 500. */
export async function guarded(t: TFunction, work: () => Promise<Response>) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LrsError) return errorResponse(error, t);
    logger.error({ err: error }, "LRS request failed");
    return errorResponse(new LrsError(500, "server_error", "xapi:errors.server_error"), t);
  }
}

export function checkVersion(request: Request) {
  const version = request.headers.get("X-Experience-API-Version");
  if (!version) throw badRequest("version_missing");
  if (!SUPPORTED_VERSIONS.includes(version) && version !== "1.0") throw badRequest("version_unsupported", { version });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("bad_json");
  }
}

/**
 * The statements of a PUT or POST and the attachment data sent with them:
 * application/json (MAX_BODY_BYTES), or multipart/mixed whose first part is
 * the JSON and the others the data (xAPI-Communication §1.5.2).
 */
async function readStatementBody(request: Request): Promise<{ body: unknown; parts: AttachmentParts }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (mediaType(type) === "application/x-www-form-urlencoded") throw badRequest("form_without_method");
  if (mediaType(type) === "application/json") return { body: parseJson(await readBody(request, MAX_BODY_BYTES)), parts: new Map() };
  if (mediaType(type) !== "multipart/mixed") throw badRequest("content_type");
  const boundary = boundaryOf(type);
  if (!boundary) throw badRequest("multipart_boundary");
  const raw = await readBody(request, MAX_MULTIPART_BYTES);
  let parts;
  try {
    parts = parseMultipart(raw, boundary);
  } catch (error) {
    if (error instanceof MultipartError) throw badRequest("multipart_malformed");
    throw error;
  }
  const [first, ...rest] = parts;
  if (mediaType(first!.headers.get("content-type")) !== "application/json") throw badRequest("multipart_first_part");
  return { body: parseJson(first!.body), parts: readAttachmentParts(rest) };
}

/**
 * GET with attachments=true: the JSON first, then each attachment's data
 * (§1.5.2), streamed one row at a time so a page of large attachments is
 * never all in memory. The boundary is 128 random bits.
 */
function multipartAnswer(db: Db, json: unknown, attachments: StoredAttachment[], extra: Record<string, string>) {
  const boundary = randomBytes(16).toString("hex");
  const queue = [...attachments];
  let opened = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(partHead(boundary, { "Content-Type": "application/json; charset=utf-8" }));
        controller.enqueue(Buffer.from(JSON.stringify(json)));
        return;
      }
      for (let next = queue.shift(); next; next = queue.shift()) {
        const content = await attachmentContent(db, next.sha2);
        if (!content) continue;
        const head = { "Content-Type": next.contentType, "Content-Transfer-Encoding": "binary", "X-Experience-API-Hash": next.sha2 };
        controller.enqueue(Buffer.concat([Buffer.from("\r\n"), partHead(boundary, { ...head, "Content-Length": String(content.length) })]));
        controller.enqueue(content);
        return;
      }
      controller.enqueue(closeDelimiter(boundary));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: lrsHeaders({ "Content-Type": `multipart/mixed; boundary=${boundary}`, ...extra }) });
}

/** The base URL of this site as the LRS names it in authorities and `more` links. */
/** The site's public address for IRIs (public-url.server.ts); never the request's Host. */
export function siteUrl(_request?: Request) {
  return publicUrl();
}

function acceptedLanguages(request: Request) {
  return (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part) => part.split(";")[0]!.trim())
    .filter((tag) => tag && tag !== "*");
}

/**
 * The Statement resource (§2.1). Every answer — errors, 404s and preflights
 * included — says how fresh reads are (§2.1.3.s2.b5): statements are
 * readable as soon as their transaction commits, so "now", taken once the
 * answer is ready, is a time before which every stored statement is there.
 */
export async function handleStatements(request: Request, deps: LrsDeps): Promise<Response> {
  const response = await statementsResource(request, deps);
  response.headers.set("X-Experience-API-Consistent-Through", new Date().toISOString());
  return response;
}

function statementsResource(original: Request, { db, t }: LrsDeps): Promise<Response> {
  return guarded(t, async () => {
    if (original.method === "OPTIONS") {
      return lrsEmpty(204, {
        "Access-Control-Allow-Methods": "GET, HEAD, PUT, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version",
        "Access-Control-Max-Age": "600",
      });
    }
    const request = await fromAlternateSyntax(original, { defaultContentType: "application/json", maxContentBytes: MAX_BODY_BYTES });
    checkVersion(request);
    const credential = await authenticate(db, request.headers.get("Authorization"));
    const url = new URL(request.url);
    const writer: Writer = {
      authority: { objectType: "Agent", name: credential.label, account: { homePage: siteUrl(request), name: credential.api_key } },
      credentialId: credential.id,
    };

    if (request.method === "GET" || request.method === "HEAD") {
      const scope = readScope(credential.scopes, credential.id);
      if (!scope) throw new LrsError(403, "forbidden", "xapi:errors.forbidden_read");
      const parsed = parseStatementRequest(url.searchParams);
      const result = await readStatements(db, parsed, scope, { languages: acceptedLanguages(request), basePath: url.pathname });
      const [json, extra] =
        result.kind === "single" ? [result.statement, { "Last-Modified": result.stored.toUTCString() }] : [result.result, {}];
      return result.attachments ? multipartAnswer(db, json, result.attachments, extra) : lrsJson(json, 200, extra);
    }

    if (!canWrite(credential.scopes)) throw new LrsError(403, "forbidden", "xapi:errors.forbidden_write");
    if (request.method === "PUT") {
      const names = [...url.searchParams.keys()];
      const statementId = url.searchParams.get("statementId");
      if (statementId === null) throw badRequest("statement_id_required");
      if (names.length !== 1) throw badRequest("unknown_parameter", { name: names.find((n) => n !== "statementId") ?? "" });
      if (!isUuid(statementId)) throw badRequest("bad_parameter", { name: "statementId" });
      const { body, parts } = await readStatementBody(request);
      await putStatement(db, statementId, body, writer, parts);
      return lrsEmpty(204);
    }
    if (request.method === "POST") {
      const first = [...url.searchParams.keys()][0];
      if (first !== undefined) throw badRequest("unknown_parameter", { name: first });
      const { body, parts } = await readStatementBody(request);
      const outcome = await storeStatements(db, Array.isArray(body) ? body : [body], writer, parts);
      return lrsJson(outcome.ids);
    }
    return lrsEmpty(405, { Allow: "GET, HEAD, PUT, POST, OPTIONS" });
  });
}

/** The About resource: no authentication, no version header needed. */
export function handleAbout(original: Request, { t }: Pick<LrsDeps, "t">) {
  return guarded(t, async () => {
    if (original.method === "OPTIONS") {
      return lrsEmpty(204, { "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Allow-Headers": "X-Experience-API-Version" });
    }
    // The only alternate request About can receive is a GET: a form of a few headers.
    const request = await fromAlternateSyntax(original, { defaultContentType: "application/json", maxContentBytes: 64 * 1024 });
    if (request.method !== "GET" && request.method !== "HEAD") return lrsEmpty(405, { Allow: "GET, HEAD, OPTIONS" });
    return lrsJson({ version: SUPPORTED_VERSIONS });
  });
}

/** Any other /xapi/ path: the resources this LRS does not offer. */
export function handleUnsupported({ t }: Pick<LrsDeps, "t">) {
  return guarded(t, async () => {
    throw new LrsError(404, "not_implemented", "xapi:errors.resource_unsupported");
  });
}
