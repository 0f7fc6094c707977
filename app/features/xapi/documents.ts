import { createHash } from "node:crypto";
import type { XapiDocumentResource } from "../../../db/schema/xapi";
import { agentKey } from "./canonical";
import { badRequest } from "./errors";
import { isIri, isTimestamp, isUuid, validateAgentParameter } from "./validation";

/**
 * The pure rules of the document resources (xAPI-Communication §2.2–2.7,
 * §3.1): which parameters each resource takes, how a document is addressed,
 * its ETag, the If-Match / If-None-Match preconditions and the JSON merge.
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export type DocumentMethod = "GET" | "PUT" | "POST" | "DELETE";

export interface ResourceRules {
  resource: XapiDocumentResource;
  idParam: "stateId" | "profileId";
  activity: boolean;
  agent: boolean;
  registration: boolean;
  /** DELETE without an id deletes the whole context (State only). */
  deleteAll: boolean;
  /** PUT must carry If-Match or If-None-Match (profiles only, §3.1; decision 025). */
  putNeedsPrecondition: boolean;
}

export const STATE: ResourceRules = {
  resource: "state",
  idParam: "stateId",
  activity: true,
  agent: true,
  registration: true,
  deleteAll: true,
  putNeedsPrecondition: false,
};
export const AGENT_PROFILE: ResourceRules = {
  resource: "agent_profile",
  idParam: "profileId",
  activity: false,
  agent: true,
  registration: false,
  deleteAll: false,
  putNeedsPrecondition: true,
};
export const ACTIVITY_PROFILE: ResourceRules = {
  resource: "activity_profile",
  idParam: "profileId",
  activity: true,
  agent: false,
  registration: false,
  deleteAll: false,
  putNeedsPrecondition: true,
};

/** Where documents live: one resource, one activity and/or agent, maybe one registration. */
export interface DocumentContext {
  resource: XapiDocumentResource;
  activityId: string | null;
  agentKey: string | null;
  registration: string | null;
}

export interface DocumentRequest {
  context: DocumentContext;
  /** The stateId / profileId, or null for "every document of the context". */
  documentId: string | null;
  /** ISO instant, only on a GET of ids. */
  since: string | null;
}

function single(params: URLSearchParams) {
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) throw badRequest("repeated_parameter");
  return names;
}

function required(params: URLSearchParams, name: string) {
  const value = params.get(name);
  if (value === null) throw badRequest("parameter_required", { name });
  return value;
}

/** An Agent given as a JSON query parameter (§2.3–2.6: an Agent, not a Group), with its key. */
export function parseAgentParameter(raw: string): { agent: Json; key: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest("bad_parameter", { name: "agent" });
  }
  if (!isObject(parsed) || parsed.objectType === "Group" || validateAgentParameter(parsed).length) {
    throw badRequest("bad_parameter", { name: "agent" });
  }
  return { agent: parsed, key: agentKey(parsed)! };
}

export function activityParameter(raw: string): string {
  if (!isIri(raw)) throw badRequest("bad_parameter", { name: "activityId" });
  return raw;
}

/** Parses and checks a document request's query string for `method` on `rules`' resource. */
export function parseDocumentRequest(rules: ResourceRules, method: DocumentMethod, params: URLSearchParams): DocumentRequest {
  const names = single(params);
  const documentId = params.get(rules.idParam);
  const many = documentId === null && (method === "GET" || (method === "DELETE" && rules.deleteAll));
  const allowed = new Set<string>([rules.idParam]);
  if (rules.activity) allowed.add("activityId");
  if (rules.agent) allowed.add("agent");
  if (rules.registration) allowed.add("registration");
  if (many && method === "GET") allowed.add("since");
  for (const name of names) if (!allowed.has(name)) throw badRequest("unknown_parameter", { name });

  const context: DocumentContext = { resource: rules.resource, activityId: null, agentKey: null, registration: null };
  if (rules.activity) context.activityId = activityParameter(required(params, "activityId"));
  if (rules.agent) context.agentKey = parseAgentParameter(required(params, "agent")).key;
  const registration = params.get("registration");
  if (registration !== null) {
    if (!isUuid(registration)) throw badRequest("bad_parameter", { name: "registration" });
    context.registration = registration.toLowerCase();
  }
  if (documentId === null && !many) throw badRequest("parameter_required", { name: rules.idParam });
  if (documentId === "") throw badRequest("bad_parameter", { name: rules.idParam });

  let since: string | null = null;
  const rawSince = params.get("since");
  if (rawSince !== null) {
    if (!isTimestamp(rawSince)) throw badRequest("bad_parameter", { name: "since" });
    since = new Date(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(rawSince) ? rawSince : `${rawSince}Z`).toISOString();
  }
  return { context, documentId, since };
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** The hash a list or a delete-all looks up. */
export function contextHash(c: DocumentContext): string {
  return sha256(JSON.stringify([c.resource, c.activityId, c.agentKey, c.registration]));
}

/** The hash of one document (unique in the table). */
export function keyHash(c: DocumentContext, documentId: string): string {
  return sha256(JSON.stringify([c.resource, c.activityId, c.agentKey, c.registration, documentId]));
}

/** §3.1: the SHA-1 of the contents, hexadecimal, lower case (quoted in the header). */
export function etagOf(content: Uint8Array): string {
  return createHash("sha1").update(content).digest("hex");
}

export const quoteEtag = (etag: string) => `"${etag}"`;

/** The entity tags of an If-Match / If-None-Match header; "*" stays "*". Weak tags never match (strong comparison). */
function entityTags(header: string): string[] {
  return header
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (t === "*" ? "*" : t.startsWith("W/") ? "" : t.replace(/^"(.*)"$/, "$1").toLowerCase()))
    .filter(Boolean);
}

export interface Preconditions {
  ifMatch: string | null;
  ifNoneMatch: string | null;
}

/**
 * RFC 7232 §3.1–3.2 for a write: false when If-Match names none of the
 * current tags (or "*" and there is no document), or If-None-Match names the
 * current one (or "*" and there is one). `current` is the stored ETag or null.
 */
export function preconditionsHold({ ifMatch, ifNoneMatch }: Preconditions, current: string | null): boolean {
  if (ifMatch !== null) {
    const tags = entityTags(ifMatch);
    if (current === null) return false;
    if (!tags.includes("*") && !tags.includes(current)) return false;
  }
  if (ifNoneMatch !== null) {
    const tags = entityTags(ifNoneMatch);
    if (current !== null && (tags.includes("*") || tags.includes(current))) return false;
  }
  return true;
}

export const isJsonType = (contentType: string) => /^application\/json\s*(;|$)/i.test(contentType.trim());

/**
 * §2.2 JSON procedure: the posted object's top-level properties replace the
 * stored ones. Returns null when either side is not a JSON object.
 */
export function mergeJsonDocuments(stored: Uint8Array, posted: Uint8Array): Uint8Array | null {
  const parse = (bytes: Uint8Array) => {
    try {
      const value: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
      return isObject(value) ? value : null;
    } catch {
      return null;
    }
  };
  const before = parse(stored);
  const update = parse(posted);
  if (!before || !update) return null;
  return Buffer.from(JSON.stringify({ ...before, ...update }), "utf8");
}

/** §2.4: the Person object for an agent key and the names seen with it. */
export function personObject(agent: Json, names: string[]): Json {
  const person: Json = { objectType: "Person" };
  const allNames = [...new Set([...(typeof agent.name === "string" ? [agent.name] : []), ...names])];
  if (allNames.length) person.name = allNames;
  for (const key of ["mbox", "mbox_sha1sum", "openid", "account"]) if (agent[key] !== undefined) person[key] = [agent[key]];
  return person;
}
