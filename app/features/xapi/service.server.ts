import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../../db/types";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { matchAttachments, type AttachmentParts } from "./attachments";
import { attachmentsToSend, storeReceivedAttachments, type StoredAttachment } from "./attachments.server";
import { recordActivityDefinitions } from "./activities.server";
import { canonicalFormat, comparisonHash, idsFormat, indexColumns, normaliseStatement, statementRefTarget } from "./canonical";
import { badRequest, LrsError } from "./errors";
import * as q from "./queries.server";
import * as refsQ from "./refs-queries.server";
import { encodeCursor, type StatementFormat, type StatementRequest } from "./query-params";
import { verifySignatures } from "./signature";
import { validateStatement, VOIDED_VERB, type Issue } from "./validation";

type Json = Record<string, unknown>;

/** Who is writing: the authority the LRS puts on the statements, and the credential if any. */
export interface Writer {
  authority: Json;
  credentialId: string | null;
}

export interface PreparedStatement {
  id: string;
  statement: Json;
  row: Parameters<typeof q.insertStatements>[1][number];
}

export const MAX_BATCH = 1000;

/** The first issue as an LRS 400, naming the path. */
export function invalidStatement(issue: Issue): LrsError {
  return badRequest("invalid_statement", { path: issue.path, reason: `xapi:validation.${issue.key}` });
}

/**
 * Sets what the LRS owns (id when missing, stored, authority, version,
 * timestamp when missing), normalises, and computes the indexed columns.
 * `input` must already be valid.
 */
export function prepareStatement(input: Json, writer: Writer, stored: Date): PreparedStatement {
  const id = typeof input.id === "string" ? input.id.toLowerCase() : randomUUID();
  const clientTimestamp = typeof input.timestamp === "string";
  const statement = normaliseStatement({
    ...input,
    id,
    timestamp: clientTimestamp ? input.timestamp : stored.toISOString(),
    stored: stored.toISOString(),
    authority: writer.authority,
    version: typeof input.version === "string" ? input.version : "1.0.0",
  });
  const timestamp = clientTimestamp ? parseTimestamp(input.timestamp as string) : stored;
  return {
    id,
    statement,
    row: {
      id,
      statement,
      comparison_hash: comparisonHash(statement),
      client_timestamp: clientTimestamp,
      ...indexColumns(statement),
      timestamp,
      stored,
      credential_id: writer.credentialId,
    },
  };
}

function parseTimestamp(value: string) {
  return new Date(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(value) ? value : `${value}Z`);
}

export interface StoreOutcome {
  /** Every id, in the order received. */
  ids: string[];
  /** Ids stored by this call (the rest were already there, identical). */
  inserted: Set<string>;
  /** Ids that already existed with a different statement (only when `conflicts: "report"`). */
  conflicting: Set<string>;
}

/**
 * Stores prepared statements in the caller's transaction. A statement whose
 * id exists is compared with the stored one: identical → nothing changes;
 * different → 409 (or reported, for the relay, which answers per statement).
 * Voiding: a voiding statement marks its target voided (even when the target
 * arrives later); voiding a voiding statement is refused. Statements that
 * target others are linked to what their StatementRefs reach, and the
 * Activity definitions of what is new are merged into the canonical ones
 * (decision 026) — all in the caller's transaction.
 */
export async function storePrepared(
  trx: Transaction<Database>,
  prepared: PreparedStatement[],
  { conflicts = "throw" }: { conflicts?: "throw" | "report" } = {},
): Promise<StoreOutcome> {
  const ids = prepared.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw badRequest("duplicate_ids_in_batch");
  const refs = prepared.map((p) => ({ statement_id: p.id, target_id: statementRefTarget(p.statement) }));
  if (refs.some((r) => r.target_id)) await refsQ.lockForStatementRefs(trx);

  const voiding = prepared.filter((p) => p.row.voids_statement_id);
  const targets = voiding.map((p) => p.row.voids_statement_id!);
  if (targets.length) {
    const batchVoiding = new Set(voiding.map((p) => p.id));
    const voidingTargets = targets.filter((t) => batchVoiding.has(t));
    voidingTargets.push(...(await q.findVoidingAmong(trx, targets)));
    if (voidingTargets.length) throw badRequest("void_voiding", { id: voidingTargets[0]! });
  }

  const inserted = await q.insertStatements(trx, prepared.map((p) => p.row));
  const conflicting = new Set<string>();
  const existing = prepared.filter((p) => !inserted.has(p.id));
  if (existing.length) {
    const stored = new Map((await q.findStatementsForComparison(trx, existing.map((p) => p.id))).map((r) => [r.id, r]));
    for (const p of existing) {
      const other = stored.get(p.id);
      const same =
        other &&
        other.comparison_hash === p.row.comparison_hash &&
        (!other.client_timestamp || !p.row.client_timestamp || other.timestamp.getTime() === (p.row.timestamp as Date).getTime());
      if (!same) {
        if (conflicts === "throw") throw new LrsError(409, "conflict", "xapi:errors.conflict", { id: p.id });
        conflicting.add(p.id);
      }
    }
  }

  const newVoiding = voiding.filter((p) => inserted.has(p.id)).map((p) => p.row.voids_statement_id!);
  await q.markVoided(trx, newVoiding);
  const newOthers = prepared.filter((p) => inserted.has(p.id) && !p.row.voids_statement_id).map((p) => p.id);
  await q.markVoided(trx, await q.findAlreadyVoidedTargets(trx, newOthers));

  await refsQ.insertStatementRefs(
    trx,
    refs.filter((r): r is { statement_id: string; target_id: string } => r.target_id !== null && inserted.has(r.statement_id)),
  );
  await refsQ.linkStatementRefs(trx, await refsQ.statementsReaching(trx, [...inserted]));
  await recordActivityDefinitions(trx, prepared.filter((p) => inserted.has(p.id)).map((p) => p.statement));
  return { ids, inserted, conflicting };
}

/**
 * Validates, prepares and stores a batch atomically (all or nothing), with
 * the attachment data received beside it (`parts`, by SHA-2): every
 * Attachment without fileUrl must have its data, every part must belong to
 * an Attachment, signatures must match their statement.
 */
export async function storeStatements(
  db: Db,
  inputs: unknown[],
  writer: Writer,
  parts: AttachmentParts = new Map(),
): Promise<StoreOutcome> {
  if (inputs.length === 0) throw badRequest("empty_batch");
  if (inputs.length > MAX_BATCH) throw badRequest("batch_too_large", { max: MAX_BATCH });
  inputs.forEach((input, i) => {
    const issues = validateStatement(input, inputs.length > 1 ? `statements[${i}]` : "statement");
    if (issues.length) throw invalidStatement(issues[0]!);
  });
  const received = matchAttachments(inputs, parts);
  for (const input of inputs) verifySignatures(input as Json, parts);
  const stored = new Date();
  const prepared = inputs.map((input) => prepareStatement(input as Json, writer, stored));
  return withRetryingTransaction(db, async (trx) => {
    const outcome = await storePrepared(trx, prepared);
    await storeReceivedAttachments(trx, outcome.ids, received, outcome.inserted);
    return outcome;
  });
}

/** PUT: the id comes from the query string; a body id, when present, must agree. */
export async function putStatement(db: Db, statementId: string, input: unknown, writer: Writer, parts?: AttachmentParts) {
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    const body = input as Json;
    if (body.id !== undefined && (typeof body.id !== "string" || body.id.toLowerCase() !== statementId.toLowerCase())) {
      throw badRequest("id_mismatch");
    }
    return storeStatements(db, [{ ...body, id: statementId.toLowerCase() }], writer, parts);
  }
  return storeStatements(db, [input], writer, parts);
}

export interface ReadScope {
  /** statements/read/mine: only what this credential stored. */
  onlyCredentialId?: string;
}

function formatted(statement: Json, format: StatementFormat, languages: string[]) {
  if (format === "ids") return idsFormat(statement);
  if (format === "canonical") return canonicalFormat(statement, languages);
  return statement;
}

/**
 * GET: one statement by statementId (404 when voided) or voidedStatementId
 * (404 unless voided), or a page of a filtered query with its `more` link.
 */
export async function readStatements(
  db: DbOrTrx,
  request: StatementRequest,
  scope: ReadScope,
  { languages, basePath }: { languages: string[]; basePath: string },
) {
  if (request.kind === "single") {
    const row = await q.findStatement(db, request.id);
    const visible =
      row &&
      row.voided === request.voided &&
      (!scope.onlyCredentialId || row.credential_id === scope.onlyCredentialId);
    if (!visible) throw new LrsError(404, "not_found", "xapi:errors.not_found");
    const attachments = request.attachments ? await attachmentsToSend(db, [request.id]) : null;
    return { kind: "single" as const, statement: formatted(row.statement, request.format, languages), stored: row.stored, attachments };
  }
  const rows = await q.queryStatements(db, request.query, request.after, { credentialId: scope.onlyCredentialId });
  const page = rows.slice(0, request.query.limit);
  const last = page.at(-1);
  const more =
    rows.length > request.query.limit && last
      ? `${basePath}?more=${encodeCursor({ query: request.query, after: [last.stored.toISOString(), String(last.seq)] })}`
      : "";
  const attachments: StoredAttachment[] | null = request.query.attachments
    ? await attachmentsToSend(db, page.map((r) => String(r.statement.id)))
    : null;
  return {
    kind: "query" as const,
    result: { statements: page.map((r) => formatted(r.statement, request.query.format, languages)), more },
    attachments,
  };
}

export function isVoiding(statement: Json) {
  return (statement.verb as Json | undefined)?.id === VOIDED_VERB;
}


export function canWrite(scopes: readonly string[]) {
  return scopes.includes("all") || scopes.includes("statements/write");
}

/** Read everything, read only one's own, or nothing. */
export function readScope(scopes: readonly string[], credentialId: string): ReadScope | null {
  if (scopes.includes("all") || scopes.includes("all/read") || scopes.includes("statements/read")) return {};
  if (scopes.includes("statements/read/mine")) return { onlyCredentialId: credentialId };
  return null;
}
