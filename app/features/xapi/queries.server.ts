import { sql, type RawBuilder } from "kysely";
import type { NewXapiStatementRow, XapiScope } from "../../../db/schema/xapi";
import type { DbOrTrx } from "../../lib/db.server";
import type { StatementQuery } from "./query-params";
import { VOIDED_VERB } from "./validation";

/**
 * Inserts what is new; returns the ids actually inserted (the others already
 * existed). The rows travel as one jsonb parameter expanded by
 * jsonb_to_recordset: for a batch of 100 that is one value to serialise
 * instead of 1,700, which halves the app's CPU per statement.
 */
export async function insertStatements(db: DbOrTrx, rows: NewXapiStatementRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await sql<{ id: string }>`
    insert into xapi_statement (id, statement, comparison_hash, client_timestamp, verb_id, activity_id, actor_key, object_agent_key,
      registration, related_activity_ids, related_agent_keys, voids_statement_id, timestamp, stored, credential_id)
    select id, statement, comparison_hash, client_timestamp, verb_id, activity_id, actor_key, object_agent_key,
      registration, related_activity_ids, related_agent_keys, voids_statement_id, timestamp, stored, credential_id
    from jsonb_to_recordset(${{ rows }}::jsonb -> 'rows') as r(id uuid, statement jsonb, comparison_hash text, client_timestamp boolean,
      verb_id text, activity_id text, actor_key text, object_agent_key text, registration uuid, related_activity_ids text[],
      related_agent_keys text[], voids_statement_id uuid, timestamp timestamptz, stored timestamptz, credential_id uuid)
    on conflict (id) do nothing
    returning id
  `.execute(db);
  return new Set(inserted.rows.map((r) => r.id));
}

export function findStatementsForComparison(db: DbOrTrx, ids: string[]) {
  return db
    .selectFrom("xapi_statement")
    .select(["id", "comparison_hash", "client_timestamp", "timestamp", "verb_id"])
    .where("id", "in", ids)
    .execute();
}

/** Existing statements among `ids` that are themselves voiding statements. */
export async function findVoidingAmong(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("xapi_statement").select("id").where("id", "in", ids).where("verb_id", "=", VOIDED_VERB).execute();
  return rows.map((r) => r.id);
}

/** Marks `ids` voided (a voiding statement is never voided itself). */
export async function markVoided(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable("xapi_statement")
    .set({ voided: true })
    .where("id", "in", ids)
    .where("verb_id", "!=", VOIDED_VERB)
    .where("voided", "=", false)
    .execute();
}

/** Ids among `ids` that an already stored voiding statement points at (it arrived first). */
export async function findAlreadyVoidedTargets(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("xapi_statement")
    .select("voids_statement_id")
    .where("voids_statement_id", "in", ids)
    .execute();
  return rows.map((r) => r.voids_statement_id!);
}

export function findStatement(db: DbOrTrx, id: string) {
  return db.selectFrom("xapi_statement").select(["statement", "voided", "verb_id", "credential_id", "stored"]).where("id", "=", id).executeTakeFirst();
}

export interface QueryScope {
  /** Only statements stored through this credential (scope statements/read/mine). */
  credentialId?: string;
}

/** One page of a filtered query, in `stored` order, plus one row to know whether more exist. */
export function queryStatements(db: DbOrTrx, q: StatementQuery, after: [string, string] | undefined, scope: QueryScope) {
  return statementsQuery(db, q, after, scope).execute();
}

/**
 * The filters that are not about time or paging, as one condition on a
 * statement's own columns (of `table` when given); null when there are none.
 */
function ownFilters(q: StatementQuery, table?: string) {
  const col = (name: string) => sql.ref(table ? `${table}.${name}` : name);
  const parts: RawBuilder<boolean>[] = [];
  if (q.agentKey) {
    const key = q.agentKey;
    parts.push(
      q.relatedAgents ? sql`${col("related_agent_keys")} @> array[${key}]::text[]` : sql`(${col("actor_key")} = ${key} or ${col("object_agent_key")} = ${key})`,
    );
  }
  if (q.verb) parts.push(sql`${col("verb_id")} = ${q.verb}`);
  if (q.activity) {
    const id = q.activity;
    parts.push(q.relatedActivities ? sql`${col("related_activity_ids")} @> array[${id}]::text[]` : sql`${col("activity_id")} = ${id}`);
  }
  if (q.registration) parts.push(sql`${col("registration")} = ${q.registration}::uuid`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` and `)})` : null;
}

/** The same filters as keys that a targeted statement must all carry (xapi_statement_ref_match.keys). */
export function targetKeys(q: StatementQuery): string[] {
  const keys: string[] = [];
  if (q.agentKey) keys.push(`${q.relatedAgents ? "related_agent" : "agent"}:${q.agentKey}`);
  if (q.verb) keys.push(`verb:${q.verb}`);
  if (q.activity) keys.push(`${q.relatedActivities ? "related_activity" : "activity"}:${q.activity}`);
  if (q.registration) keys.push(`registration:${q.registration}`);
  return keys;
}

/**
 * The query itself (the bench reads its plan and its time inside Postgres).
 * With filters, a page is the union of two ordered, limited scans: the
 * statements that match by their own columns (an index range scan, as
 * before), and the ones that target a matching statement through
 * StatementRefs (§2.1.3, decision 026), read in paging order from the small
 * xapi_statement_ref_match table. Time, paging and scope always apply to the
 * statement returned; voided ones never come back (§2.1.4).
 */
export function statementsQuery(db: DbOrTrx, q: StatementQuery, after: [string, string] | undefined, scope: QueryScope) {
  const direction = q.ascending ? "asc" : "desc";
  const cmp = q.ascending ? sql.raw(">") : sql.raw("<");
  let direct = db.selectFrom("xapi_statement").select(["statement", "stored", "seq"]).where("voided", "=", false);
  if (q.since) direct = direct.where("stored", ">", new Date(q.since));
  if (q.until) direct = direct.where("stored", "<=", new Date(q.until));
  if (scope.credentialId) direct = direct.where("credential_id", "=", scope.credentialId);
  if (after) direct = direct.where(sql<boolean>`(stored, seq) ${cmp} (${new Date(after[0])}::timestamptz, ${after[1]}::bigint)`);
  const own = ownFilters(q);
  if (!own) return direct.orderBy("stored", direction).orderBy("seq", direction).limit(q.limit + 1);
  const matching = direct.where(own).orderBy("stored", direction).orderBy("seq", direction).limit(q.limit + 1);

  // A statement can reach several matching ones along its chain: one row each, hence distinct on its place.
  let targeting = db
    .selectFrom("xapi_statement_ref_match as m")
    .innerJoin("xapi_statement as s", "s.id", "m.statement_id")
    .distinctOn(["m.stored", "m.seq"])
    .select(["s.statement", "m.stored", "m.seq"])
    .where(sql<boolean>`m.keys @> ${targetKeys(q)}::text[]`)
    .where("s.voided", "=", false)
    .where(sql<boolean>`${ownFilters(q, "s")} is not true`);
  if (q.since) targeting = targeting.where("m.stored", ">", new Date(q.since));
  if (q.until) targeting = targeting.where("m.stored", "<=", new Date(q.until));
  if (scope.credentialId) targeting = targeting.where("s.credential_id", "=", scope.credentialId);
  if (after) targeting = targeting.where(sql<boolean>`(m.stored, m.seq) ${cmp} (${new Date(after[0])}::timestamptz, ${after[1]}::bigint)`);
  const targetingPage = targeting.orderBy("m.stored", direction).orderBy("m.seq", direction).limit(q.limit + 1);

  const both = db.selectFrom(matching.as("matching")).selectAll().unionAll(db.selectFrom(targetingPage.as("targeting")).selectAll());
  return db.selectFrom(both.as("page")).selectAll().orderBy("stored", direction).orderBy("seq", direction).limit(q.limit + 1);
}

export function insertCredential(
  db: DbOrTrx,
  values: { label: string; apiKey: string; secretHash: string; scopes: XapiScope[]; createdBy: string },
) {
  return db
    .insertInto("xapi_credential")
    .values({
      label: values.label,
      api_key: values.apiKey,
      secret_hash: values.secretHash,
      scopes: values.scopes,
      created_by: values.createdBy,
    })
    .returning(["id", "label", "api_key", "scopes", "created_at"])
    .executeTakeFirstOrThrow();
}

export function listCredentials(db: DbOrTrx) {
  return db
    .selectFrom("xapi_credential")
    .leftJoin("app_user", "app_user.id", "xapi_credential.created_by")
    .select([
      "xapi_credential.id",
      "xapi_credential.label",
      "xapi_credential.api_key",
      "xapi_credential.scopes",
      "xapi_credential.created_at",
      "xapi_credential.revoked_at",
      "xapi_credential.last_used_at",
      "app_user.first_name as created_by_name",
    ])
    .orderBy("xapi_credential.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("xapi_credential.created_at", "desc")
    .execute();
}

export function findCredentialByKey(db: DbOrTrx, apiKey: string) {
  return db.selectFrom("xapi_credential").selectAll().where("api_key", "=", apiKey).executeTakeFirst();
}

export async function revokeCredential(db: DbOrTrx, id: string) {
  const result = await db
    .updateTable("xapi_credential")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Written at most once a minute per credential: a busy client should not turn reads into writes. */
export async function touchCredential(db: DbOrTrx, id: string) {
  await db
    .updateTable("xapi_credential")
    .set({ last_used_at: sql`now()` })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}
