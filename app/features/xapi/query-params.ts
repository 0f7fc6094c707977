import { agentKey } from "./canonical";
import { badRequest } from "./errors";
import { isIri, isTimestamp, isUuid, validateAgentParameter } from "./validation";

/**
 * The Statement resource's GET parameters (xAPI-Communication §2.1.3), parsed
 * and checked. A `more` link carries the same query plus where the previous
 * page stopped, as opaque base64url JSON: scopes are applied from the
 * credential at every request, so a tampered cursor reaches nothing more.
 */
export type StatementFormat = "exact" | "ids" | "canonical";

export interface StatementQuery {
  agentKey?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  since?: string;
  until?: string;
  limit: number;
  ascending: boolean;
  format: StatementFormat;
  /** attachments=true: answer multipart/mixed with the stored attachment data. */
  attachments?: boolean;
}

export interface Cursor {
  query: StatementQuery;
  /** The last row of the previous page: stored (ISO) and seq. */
  after: [string, string];
}

export type StatementRequest =
  | { kind: "single"; id: string; voided: boolean; format: StatementFormat; attachments: boolean }
  | { kind: "query"; query: StatementQuery; after?: [string, string] };

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;

const QUERY_PARAMS = new Set([
  "agent", "verb", "activity", "registration", "related_activities", "related_agents",
  "since", "until", "limit", "format", "attachments", "ascending",
]);

function booleanParam(value: string | null, name: string): boolean {
  if (value === null) return false;
  if (value === "true") return true;
  if (value === "false") return false;
  throw badRequest("bad_parameter", { name });
}

function formatParam(value: string | null): StatementFormat {
  if (value === null) return "exact";
  if (value === "exact" || value === "ids" || value === "canonical") return value;
  throw badRequest("bad_parameter", { name: "format" });
}

export function parseStatementRequest(params: URLSearchParams): StatementRequest {
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) throw badRequest("repeated_parameter");

  const more = params.get("more");
  if (more !== null) {
    if (names.length !== 1) throw badRequest("more_alone");
    const cursor = decodeCursor(more);
    return { kind: "query", query: cursor.query, after: cursor.after };
  }

  const statementId = params.get("statementId");
  const voidedId = params.get("voidedStatementId");
  if (statementId !== null || voidedId !== null) {
    if (statementId !== null && voidedId !== null) throw badRequest("both_ids");
    const extra = names.filter((n) => !["statementId", "voidedStatementId", "format", "attachments"].includes(n));
    if (extra.length) throw badRequest("single_with_filters", { name: extra[0]! });
    const id = (statementId ?? voidedId)!;
    if (!isUuid(id)) throw badRequest("bad_parameter", { name: statementId !== null ? "statementId" : "voidedStatementId" });
    return {
      kind: "single",
      id: id.toLowerCase(),
      voided: voidedId !== null,
      format: formatParam(params.get("format")),
      attachments: booleanParam(params.get("attachments"), "attachments"),
    };
  }

  for (const name of names) if (!QUERY_PARAMS.has(name)) throw badRequest("unknown_parameter", { name });
  const query: StatementQuery = {
    relatedActivities: booleanParam(params.get("related_activities"), "related_activities"),
    relatedAgents: booleanParam(params.get("related_agents"), "related_agents"),
    ascending: booleanParam(params.get("ascending"), "ascending"),
    format: formatParam(params.get("format")),
    attachments: booleanParam(params.get("attachments"), "attachments"),
    limit: DEFAULT_LIMIT,
  };

  const agent = params.get("agent");
  if (agent !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(agent);
    } catch {
      throw badRequest("bad_parameter", { name: "agent" });
    }
    if (validateAgentParameter(parsed).length) throw badRequest("bad_parameter", { name: "agent" });
    query.agentKey = agentKey(parsed)!;
  }
  const verb = params.get("verb");
  if (verb !== null) {
    if (!isIri(verb)) throw badRequest("bad_parameter", { name: "verb" });
    query.verb = verb;
  }
  const activity = params.get("activity");
  if (activity !== null) {
    if (!isIri(activity)) throw badRequest("bad_parameter", { name: "activity" });
    query.activity = activity;
  }
  const registration = params.get("registration");
  if (registration !== null) {
    if (!isUuid(registration)) throw badRequest("bad_parameter", { name: "registration" });
    query.registration = registration.toLowerCase();
  }
  for (const name of ["since", "until"] as const) {
    const value = params.get(name);
    if (value === null) continue;
    if (!isTimestamp(value)) throw badRequest("bad_parameter", { name });
    query[name] = new Date(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(value) ? value : `${value}Z`).toISOString();
  }
  const limit = params.get("limit");
  if (limit !== null) {
    if (!/^\d{1,9}$/.test(limit)) throw badRequest("bad_parameter", { name: "limit" });
    const n = Number(limit);
    query.limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  return { kind: "query", query };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(token: string): Cursor {
  try {
    if (token.length > 8192) throw new Error("too long");
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Cursor;
    const q = value.query;
    const ok =
      Array.isArray(value.after) &&
      value.after.length === 2 &&
      !Number.isNaN(Date.parse(value.after[0])) &&
      /^\d{1,19}$/.test(value.after[1]) &&
      typeof q === "object" &&
      q !== null &&
      Number.isInteger(q.limit) &&
      q.limit > 0 &&
      q.limit <= MAX_LIMIT &&
      typeof q.ascending === "boolean" &&
      typeof q.relatedActivities === "boolean" &&
      typeof q.relatedAgents === "boolean" &&
      ["exact", "ids", "canonical"].includes(q.format) &&
      (q.attachments === undefined || typeof q.attachments === "boolean") &&
      (q.verb === undefined || (typeof q.verb === "string" && isIri(q.verb))) &&
      (q.activity === undefined || (typeof q.activity === "string" && isIri(q.activity))) &&
      (q.registration === undefined || (typeof q.registration === "string" && isUuid(q.registration))) &&
      (q.agentKey === undefined || typeof q.agentKey === "string") &&
      (q.since === undefined || !Number.isNaN(Date.parse(q.since))) &&
      (q.until === undefined || !Number.isNaN(Date.parse(q.until)));
    if (!ok) throw new Error("bad cursor");
    return value;
  } catch {
    throw badRequest("bad_more");
  }
}
