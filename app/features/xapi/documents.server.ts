import { RetryTransaction, withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { canonicalActivity } from "./activities.server";
import {
  contextHash,
  etagOf,
  isJsonType,
  keyHash,
  mergeJsonDocuments,
  parseAgentParameter,
  personObject,
  preconditionsHold,
  type DocumentRequest,
  type Preconditions,
  type ResourceRules,
} from "./documents";
import * as q from "./documents-queries.server";
import { badRequest, LrsError } from "./errors";

/**
 * The document resources' verbs (State, Agent Profile, Activity Profile) and
 * the two read-only lookups (Activities, Agents). Each verb checks the
 * credential's scopes once: documents are read with "all" or "all/read" and
 * written with "all" only; Activities and Agents only show what statements
 * already hold, so "statements/read" reads them too (decision 016).
 */
/** Per document: enough for real state and profiles, small enough to keep in a row. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export const tooLarge = () => new LrsError(413, "too_large", "xapi:errors.document_too_large", { max: MAX_DOCUMENT_BYTES });

function requireDocumentRead(scopes: readonly string[]) {
  if (!scopes.includes("all") && !scopes.includes("all/read")) throw new LrsError(403, "forbidden", "xapi:errors.forbidden_documents_read");
}

function requireDocumentWrite(scopes: readonly string[]) {
  if (!scopes.includes("all")) throw new LrsError(403, "forbidden", "xapi:errors.forbidden_documents_write");
}

function requireMetadataRead(scopes: readonly string[]) {
  if (!["all", "all/read", "statements/read"].some((s) => scopes.includes(s))) {
    throw new LrsError(403, "forbidden", "xapi:errors.forbidden_read");
  }
}

/** The columns that place a document, from a parsed request that names one. */
function placement(request: DocumentRequest, documentId: string) {
  const c = request.context;
  return {
    resource: c.resource,
    context_hash: contextHash(c),
    key_hash: keyHash(c, documentId),
    activity_id: c.activityId,
    agent_key: c.agentKey,
    registration: c.registration,
    document_id: documentId,
  };
}

function oneDocument(request: DocumentRequest): string {
  if (request.documentId === null) throw new Error("a single-document verb needs a document id");
  return request.documentId;
}

/**
 * §3.1: 412 when a precondition fails. A profile PUT must carry one
 * (§3.1.s3.b1): without, 409 when the document exists (§3.1.s4.b13), else
 * 400 — a request that breaks the protocol (decision 025).
 */
function checkPreconditions(rules: ResourceRules, method: "PUT" | "POST" | "DELETE", pre: Preconditions, current: string | null) {
  if (!preconditionsHold(pre, current)) throw new LrsError(412, "precondition_failed", "xapi:errors.precondition_failed");
  if (method === "PUT" && rules.putNeedsPrecondition && pre.ifMatch === null && pre.ifNoneMatch === null) {
    if (current !== null) throw new LrsError(409, "concurrency_required", "xapi:errors.concurrency_required");
    throw badRequest("precondition_required");
  }
}

export async function readDocument(db: DbOrTrx, scopes: readonly string[], request: DocumentRequest) {
  requireDocumentRead(scopes);
  const row = await q.findDocument(db, keyHash(request.context, oneDocument(request)));
  if (!row) throw new LrsError(404, "not_found", "xapi:errors.document_not_found");
  return { content: Buffer.from(row.content), contentType: row.content_type, etag: row.etag, updated: row.updated_at };
}

/** The ids of a context's documents (since `since`, exclusive) and when the latest changed. */
export async function listDocumentIds(db: DbOrTrx, scopes: readonly string[], request: DocumentRequest) {
  requireDocumentRead(scopes);
  const rows = await q.listDocumentIds(db, contextHash(request.context), request.since);
  const latest = rows.reduce<Date | null>((max, r) => (max && max >= r.updated_at ? max : r.updated_at), null);
  return { ids: rows.map((r) => r.document_id), latest };
}

export interface IncomingDocument {
  content: Buffer;
  contentType: string;
}

/**
 * PUT replaces (or creates) the document; POST creates it, or merges a JSON
 * object into a stored JSON object (§2.2). The stored row is locked while
 * the preconditions are checked, so two writers cannot both pass on the same
 * ETag; an insert that loses a race is retried and then sees the winner's row.
 */
export async function storeDocument(
  db: Db,
  scopes: readonly string[],
  rules: ResourceRules,
  request: DocumentRequest,
  method: "PUT" | "POST",
  incoming: IncomingDocument,
  pre: Preconditions,
) {
  requireDocumentWrite(scopes);
  const documentId = oneDocument(request);
  if (incoming.content.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge();
  if (isJsonType(incoming.contentType)) {
    try {
      JSON.parse(incoming.content.toString("utf8"));
    } catch {
      throw badRequest("bad_json");
    }
  }
  const place = placement(request, documentId);
  await withRetryingTransaction(db, async (trx) => {
    const existing = await q.findDocument(trx, place.key_hash, { forUpdate: true });
    checkPreconditions(rules, method, pre, existing?.etag ?? null);
    let content: Uint8Array = incoming.content;
    let contentType = incoming.contentType;
    if (method === "POST" && existing) {
      const merged = isJsonType(existing.content_type) && isJsonType(contentType) ? mergeJsonDocuments(existing.content, content) : null;
      if (!merged) throw badRequest("merge_not_json");
      if (merged.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge();
      content = merged;
      contentType = "application/json";
    }
    const values = { content, content_type: contentType, etag: etagOf(content), updated_at: new Date() };
    if (existing) await q.replaceDocument(trx, existing.id, values);
    // Another request created the document since we looked: start again, against its row.
    else if (!(await q.insertDocument(trx, { ...place, ...values }))) throw new RetryTransaction("xapi document: the insert lost a race");
  });
}

/** DELETE one document (idempotent), or every document of a State context when no id is given. */
export async function deleteDocuments(db: Db, scopes: readonly string[], rules: ResourceRules, request: DocumentRequest, pre: Preconditions) {
  requireDocumentWrite(scopes);
  if (request.documentId === null) {
    await q.deleteContext(db, contextHash(request.context));
    return;
  }
  const key = keyHash(request.context, request.documentId);
  await withRetryingTransaction(db, async (trx) => {
    const existing = await q.findDocument(trx, key, { forUpdate: true });
    checkPreconditions(rules, "DELETE", pre, existing?.etag ?? null);
    if (existing) await q.deleteDocument(trx, existing.id);
  });
}

/** The Activity as the LRS knows it: the definition merged from every statement, or just its id (§2.5, decision 026). */
export async function describeActivity(db: DbOrTrx, scopes: readonly string[], activityId: string) {
  requireMetadataRead(scopes);
  return canonicalActivity(db, activityId);
}

/** §2.4: a Person object with the agent's identifier and the names statements gave it. */
export async function describeAgent(db: DbOrTrx, scopes: readonly string[], rawAgent: string) {
  requireMetadataRead(scopes);
  const { agent, key } = parseAgentParameter(rawAgent);
  return personObject(agent, await q.namesOfAgent(db, key, 20));
}
