import type { DbOrTrx } from "../../lib/db.server";
import { activityHash, definitionsOfBatch, mergeDefinition } from "./activities";
import * as q from "./activities-queries.server";

type Json = Record<string, unknown>;

/**
 * Merges the Activity definitions of newly stored statements into the
 * canonical ones, in the statements' transaction. New Activities are
 * inserted as they are; known ones are locked, merged here and written back,
 * so two batches defining the same Activity at once both count.
 */
export async function recordActivityDefinitions(trx: DbOrTrx, statements: Json[]) {
  const rows = [...definitionsOfBatch(statements)]
    .map(([id, definition]) => ({ activity_hash: activityHash(id), activity_id: id, definition }))
    .sort((a, b) => (a.activity_hash < b.activity_hash ? -1 : 1));
  if (rows.length === 0) return;
  const inserted = await q.insertNewActivities(trx, rows);
  const known = rows.filter((r) => !inserted.has(r.activity_hash));
  if (known.length === 0) return;
  const stored = new Map((await q.lockActivities(trx, known.map((r) => r.activity_hash))).map((r) => [r.activity_hash, r.definition]));
  await q.replaceDefinitions(
    trx,
    known.map((r) => ({ activity_hash: r.activity_hash, definition: mergeDefinition(stored.get(r.activity_hash) ?? {}, r.definition) })),
  );
}

/** The Activity as the Activities resource returns it (§2.5): its canonical definition, or only its id. */
export async function canonicalActivity(db: DbOrTrx, activityId: string) {
  const row = await q.findActivity(db, activityHash(activityId));
  return { objectType: "Activity", id: activityId, ...(row ? { definition: row.definition } : {}) };
}
