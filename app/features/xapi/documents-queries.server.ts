import { sql } from "kysely";
import type { NewXapiDocument } from "../../../db/schema/xapi";
import type { DbOrTrx } from "../../lib/db.server";
import { VOIDED_VERB } from "./validation";

/** One document, locked for the rest of the transaction when `forUpdate`. */
export function findDocument(db: DbOrTrx, keyHash: string, { forUpdate = false } = {}) {
  let query = db
    .selectFrom("xapi_document")
    .select(["id", "content", "content_type", "etag", "updated_at"])
    .where("key_hash", "=", keyHash);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts unless another request just stored the same document; returns whether it did. */
export async function insertDocument(db: DbOrTrx, row: NewXapiDocument): Promise<boolean> {
  const inserted = await db
    .insertInto("xapi_document")
    .values(row)
    .onConflict((oc) => oc.column("key_hash").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function replaceDocument(
  db: DbOrTrx,
  id: string,
  values: { content: Uint8Array; content_type: string; etag: string; updated_at: Date },
) {
  await db.updateTable("xapi_document").set(values).where("id", "=", id).execute();
}

export async function deleteDocument(db: DbOrTrx, id: string) {
  await db.deleteFrom("xapi_document").where("id", "=", id).execute();
}

export async function deleteContext(db: DbOrTrx, contextHash: string) {
  await db.deleteFrom("xapi_document").where("context_hash", "=", contextHash).execute();
}

/** The ids of a context's documents updated after `since` (exclusive), oldest first. */
export function listDocumentIds(db: DbOrTrx, contextHash: string, since: string | null) {
  let query = db
    .selectFrom("xapi_document")
    .select(["document_id", "updated_at"])
    .where("context_hash", "=", contextHash);
  if (since) query = query.where("updated_at", ">", new Date(since));
  return query.orderBy("updated_at").orderBy("document_id").execute();
}

/** Names an agent used as the actor of (non-voided, non-voiding) statements. */
export async function namesOfAgent(db: DbOrTrx, agentKey: string, limit: number) {
  const rows = await db
    .selectFrom("xapi_statement")
    .select(sql<string>`statement -> 'actor' ->> 'name'`.as("name"))
    .distinct()
    .where("actor_key", "=", agentKey)
    .where("voided", "=", false)
    .where("verb_id", "!=", VOIDED_VERB)
    .where(sql<boolean>`statement -> 'actor' ? 'name'`)
    .limit(limit)
    .execute();
  return rows.map((r) => r.name).filter((n): n is string => typeof n === "string");
}

/** Documents about the agents whose key ends with " <name>" under any account home page. */
export function documentsOfAccount(db: DbOrTrx, accountName: string) {
  return db
    .selectFrom("xapi_document")
    .select(["resource", "activity_id", "agent_key", "registration", "document_id", "content", "content_type", "updated_at"])
    .where("agent_key", "like", sql<string>`${"account:%"} || ${` ${accountName}`}`)
    .orderBy("updated_at")
    .execute();
}

export async function deleteDocumentsOfAccount(db: DbOrTrx, accountName: string) {
  await db
    .deleteFrom("xapi_document")
    .where("agent_key", "like", sql<string>`${"account:%"} || ${` ${accountName}`}`)
    .execute();
}
