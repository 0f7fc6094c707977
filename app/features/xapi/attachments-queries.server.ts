import type { NewXapiAttachment } from "../../../db/schema/xapi";
import type { DbOrTrx } from "../../lib/db.server";

/**
 * Stores attachment data once per SHA-2. An existing row is "updated" to
 * itself rather than skipped: that locks it until the links below commit,
 * so a concurrent erasure that finds it orphaned waits, then fails on the
 * links' foreign key instead of deleting data a new statement references.
 */
export async function upsertAttachments(db: DbOrTrx, rows: NewXapiAttachment[]) {
  if (rows.length === 0) return;
  await db
    .insertInto("xapi_attachment")
    .values(rows)
    .onConflict((oc) => oc.column("sha2").doUpdateSet({ content_type: (eb) => eb.ref("xapi_attachment.content_type") }))
    .execute();
}

export async function linkAttachments(db: DbOrTrx, links: { statement_id: string; sha2: string }[]) {
  if (links.length === 0) return;
  await db.insertInto("xapi_statement_attachment").values(links).onConflict((oc) => oc.doNothing()).execute();
}

/** What is stored for these statements (without the bytes), each SHA-2 once. */
export function attachmentsOfStatements(db: DbOrTrx, statementIds: string[]) {
  if (statementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("xapi_statement_attachment as l")
    .innerJoin("xapi_attachment as a", "a.sha2", "l.sha2")
    .select(["a.sha2", "a.content_type", "a.length"])
    .distinct()
    .where("l.statement_id", "in", statementIds)
    .orderBy("a.sha2")
    .execute();
}

export async function attachmentContent(db: DbOrTrx, sha2: string) {
  const row = await db.selectFrom("xapi_attachment").select("content").where("sha2", "=", sha2).executeTakeFirst();
  return row?.content;
}
