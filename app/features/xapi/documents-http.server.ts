import { createHash } from "node:crypto";
import { authenticate } from "./credentials.server";
import { ACTIVITY_PROFILE, AGENT_PROFILE, parseDocumentRequest, quoteEtag, STATE, activityParameter, type ResourceRules } from "./documents";
import {
  deleteDocuments,
  describeActivity,
  describeAgent,
  listDocumentIds,
  MAX_DOCUMENT_BYTES,
  readDocument,
  storeDocument,
  tooLarge,
} from "./documents.server";
import { badRequest } from "./errors";
import { fromAlternateSyntax } from "./alternate-syntax.server";
import { readBody } from "./body.server";
import { checkVersion, guarded, lrsEmpty, lrsHeaders, type LrsDeps } from "./http.server";

/**
 * The document resources over HTTP (xAPI-Communication §2.2–2.7): the same
 * version header, Basic credentials, CORS and JSON errors as the Statement
 * resource; documents go back with their own Content-Type, ETag and
 * Last-Modified.
 */
const DOCUMENT_METHODS = "GET, HEAD, PUT, POST, DELETE, OPTIONS";
const READ_METHODS = "GET, HEAD, OPTIONS";

function preflight(methods: string) {
  return lrsEmpty(204, {
    "Access-Control-Allow-Methods": methods,
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
    "Access-Control-Max-Age": "600",
  });
}

/** JSON with the ETag of its bytes: §3.1 asks for an ETag on every GET of these resources. */
function jsonWithEtag(body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  const etag = quoteEtag(createHash("sha1").update(text).digest("hex"));
  return new Response(text, { status: 200, headers: lrsHeaders({ "Content-Type": "application/json; charset=utf-8", ETag: etag, ...extra }) });
}

/** §1.1: HEAD answers what GET would, without the body. */
function headless(request: Request, response: Response) {
  return request.method === "HEAD" ? new Response(null, { status: response.status, headers: response.headers }) : response;
}

function handleDocuments(rules: ResourceRules, original: Request, { db, t }: LrsDeps): Promise<Response> {
  return guarded(t, async () => {
    if (original.method === "OPTIONS") return preflight(DOCUMENT_METHODS);
    // Content sent through the alternate syntax is text (§1.3.s3.b5): without a Content-Type field it is stored as bytes, as a normal request without the header.
    const request = await fromAlternateSyntax(original, { defaultContentType: "application/octet-stream", maxContentBytes: MAX_DOCUMENT_BYTES, tooLarge });
    checkVersion(request);
    const credential = await authenticate(db, request.headers.get("Authorization"));
    const method = request.method === "HEAD" ? "GET" : request.method;
    if (method !== "GET" && method !== "PUT" && method !== "POST" && method !== "DELETE") {
      return lrsEmpty(405, { Allow: DOCUMENT_METHODS });
    }
    const parsed = parseDocumentRequest(rules, method, new URL(request.url).searchParams);
    const pre = { ifMatch: request.headers.get("If-Match"), ifNoneMatch: request.headers.get("If-None-Match") };

    if (method === "GET" && parsed.documentId === null) {
      const { ids, latest } = await listDocumentIds(db, credential.scopes, parsed);
      return headless(request, jsonWithEtag(ids, latest ? { "Last-Modified": latest.toUTCString() } : {}));
    }
    if (method === "GET") {
      const document = await readDocument(db, credential.scopes, parsed);
      const headers = lrsHeaders({
        "Content-Type": document.contentType,
        // The bytes are whatever a client stored (text/html included): never let a browser run them on our origin.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
        ETag: quoteEtag(document.etag),
        "Last-Modified": document.updated.toUTCString(),
      });
      return headless(request, new Response(new Uint8Array(document.content), { status: 200, headers }));
    }
    if (method === "DELETE") {
      await deleteDocuments(db, credential.scopes, rules, parsed, pre);
      return lrsEmpty(204);
    }
    const contentType = request.headers.get("Content-Type") ?? "application/octet-stream";
    if (/^application\/x-www-form-urlencoded/i.test(contentType)) throw badRequest("form_without_method");
    if (/^multipart\//i.test(contentType)) throw badRequest("multipart_document");
    const content = await readBody(request, MAX_DOCUMENT_BYTES, tooLarge);
    await storeDocument(db, credential.scopes, rules, parsed, method, { content, contentType }, pre);
    return lrsEmpty(204);
  });
}

/** /xapi/activities/state (§2.3). */
export const handleState = (request: Request, deps: LrsDeps) => handleDocuments(STATE, request, deps);
/** /xapi/agents/profile (§2.6). */
export const handleAgentProfile = (request: Request, deps: LrsDeps) => handleDocuments(AGENT_PROFILE, request, deps);
/** /xapi/activities/profile (§2.7). */
export const handleActivityProfile = (request: Request, deps: LrsDeps) => handleDocuments(ACTIVITY_PROFILE, request, deps);

/** The read-only lookups: one required parameter, GET and HEAD only. */
function handleLookup(
  original: Request,
  { db, t }: LrsDeps,
  param: "activityId" | "agent",
  describe: (scopes: readonly string[], value: string) => Promise<unknown>,
) {
  return guarded(t, async () => {
    if (original.method === "OPTIONS") return preflight(READ_METHODS);
    const request = await fromAlternateSyntax(original, { defaultContentType: "application/json", maxContentBytes: 64 * 1024 });
    checkVersion(request);
    const credential = await authenticate(db, request.headers.get("Authorization"));
    if (request.method !== "GET" && request.method !== "HEAD") return lrsEmpty(405, { Allow: READ_METHODS });
    const params = new URL(request.url).searchParams;
    for (const name of params.keys()) if (name !== param) throw badRequest("unknown_parameter", { name });
    if (params.getAll(param).length > 1) throw badRequest("repeated_parameter");
    const value = params.get(param);
    if (value === null) throw badRequest("parameter_required", { name: param });
    return headless(request, jsonWithEtag(await describe(credential.scopes, value)));
  });
}

/** /xapi/activities (§2.5): the Activity with the latest definition seen. */
export function handleActivities(request: Request, deps: LrsDeps) {
  return handleLookup(request, deps, "activityId", (scopes, value) => describeActivity(deps.db, scopes, activityParameter(value)));
}

/** /xapi/agents (§2.4): the Person object of an Agent. */
export function handleAgents(request: Request, deps: LrsDeps) {
  return handleLookup(request, deps, "agent", (scopes, value) => describeAgent(deps.db, scopes, value));
}
