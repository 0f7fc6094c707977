import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/** The canonical Activity definitions (`xapi_activity`, decision 026). */
export interface ActivityRow {
  activity_hash: string;
  activity_id: string;
  definition: Record<string, unknown>;
}

export function findActivity(db: DbOrTrx, activityHash: string) {
  return db.selectFrom("xapi_activity").select(["activity_id", "definition"]).where("activity_hash", "=", activityHash).executeTakeFirst();
}

/** Inserts the Activities not known yet; returns the hashes inserted (the others exist). */
export async function insertNewActivities(db: DbOrTrx, rows: ActivityRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await sql<{ activity_hash: string }>`
    insert into xapi_activity (activity_hash, activity_id, definition)
    select activity_hash, activity_id, definition
    from jsonb_to_recordset(${{ rows }}::jsonb -> 'rows') as r(activity_hash text, activity_id text, definition jsonb)
    on conflict (activity_hash) do nothing
    returning activity_hash
  `.execute(db);
  return new Set(inserted.rows.map((r) => r.activity_hash));
}

/** The stored definitions of `hashes`, locked until the transaction ends (in hash order, so writers never deadlock). */
export function lockActivities(db: DbOrTrx, hashes: string[]) {
  return db
    .selectFrom("xapi_activity")
    .select(["activity_hash", "definition"])
    .where("activity_hash", "in", hashes)
    .orderBy("activity_hash")
    .forUpdate()
    .execute();
}

export async function replaceDefinitions(db: DbOrTrx, rows: { activity_hash: string; definition: Record<string, unknown> }[]) {
  if (rows.length === 0) return;
  await sql`
    update xapi_activity a set definition = r.definition, updated_at = now()
    from jsonb_to_recordset(${{ rows }}::jsonb -> 'rows') as r(activity_hash text, definition jsonb)
    where a.activity_hash = r.activity_hash
  `.execute(db);
}
