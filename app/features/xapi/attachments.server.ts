import type { DbOrTrx } from "../../lib/db.server";
import * as q from "./attachments-queries.server";
import type { ReceivedAttachment } from "./attachments";

/**
 * Stores the data received for the statements this request inserted, in
 * the caller's transaction, and links each statement to it. A statement
 * that was already stored keeps what it had: its JSON, hence its
 * attachment list, did not change.
 */
export async function storeReceivedAttachments(
  trx: DbOrTrx,
  statementIds: string[],
  received: ReceivedAttachment[][],
  inserted: Set<string>,
) {
  const rows = new Map<string, ReceivedAttachment>();
  const links: { statement_id: string; sha2: string }[] = [];
  statementIds.forEach((id, i) => {
    if (!inserted.has(id)) return;
    for (const attachment of received[i] ?? []) {
      if (!rows.has(attachment.sha2)) rows.set(attachment.sha2, attachment);
      links.push({ statement_id: id, sha2: attachment.sha2 });
    }
  });
  await q.upsertAttachments(
    trx,
    [...rows.values()].map((a) => ({ sha2: a.sha2, content_type: a.contentType, length: a.content.length, content: a.content })),
  );
  await q.linkAttachments(trx, links);
}

export interface StoredAttachment {
  sha2: string;
  contentType: string;
  length: number;
}

/** The data stored for these statements, to send after them (GET with attachments=true). */
export async function attachmentsToSend(db: DbOrTrx, statementIds: string[]): Promise<StoredAttachment[]> {
  const rows = await q.attachmentsOfStatements(db, statementIds);
  return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, length: r.length }));
}

/** One attachment's bytes (undefined if its last statement was deleted meanwhile). */
export function attachmentContent(db: DbOrTrx, sha2: string) {
  return q.attachmentContent(db, sha2);
}
