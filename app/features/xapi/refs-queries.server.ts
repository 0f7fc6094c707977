import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/**
 * What makes a statement that targets another one (a StatementRef object)
 * answer the filters the targeted one meets (xAPI-Communication §2.1.3
 * "Filter Conditions for StatementRefs", §2.1.4; decision 026): the
 * edges, and for each targeting statement the filter keys of every stored
 * statement its chain reaches.
 */

/**
 * Serialises the writers of statements that target others: with the table
 * locked against other inserts, a targeting statement and its target
 * committed at the same time in two requests always see one another (the
 * later transaction waits for the earlier, then reads it).
 */
export async function lockForStatementRefs(db: DbOrTrx) {
  await sql`lock table xapi_statement in share row exclusive mode`.execute(db);
}

export async function insertStatementRefs(db: DbOrTrx, edges: { statement_id: string; target_id: string }[]) {
  if (edges.length === 0) return;
  await sql`
    insert into xapi_statement_ref (statement_id, target_id)
    select statement_id, target_id from jsonb_to_recordset(${{ edges }}::jsonb -> 'edges') as r(statement_id uuid, target_id uuid)
    on conflict do nothing
  `.execute(db);
}

/**
 * After `ids` were stored: the statements whose chain of StatementRefs
 * starts at one of them or now reaches one of them. Usually none — one index
 * probe per id on a small table.
 */
export async function statementsReaching(db: DbOrTrx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ id: string }>`
    with recursive fresh (id) as (
      select value::uuid from jsonb_array_elements_text(${{ ids }}::jsonb -> 'ids')
    ),
    origins (id) as (
      select r.statement_id from fresh f join xapi_statement_ref r on r.statement_id = f.id
      union
      select r.statement_id from fresh f join xapi_statement_ref r on r.target_id = f.id
      union
      select r.statement_id from xapi_statement_ref r join origins o on r.target_id = o.id
    )
    select id from origins
  `.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * Gives each of `origins` the filter keys of every stored statement its
 * chain of StatementRefs reaches, with its own place in paging order.
 * Chains are followed 32 deep at most, and cycles (ids are chosen by
 * clients) end where they close.
 */
export async function linkStatementRefs(db: DbOrTrx, origins: string[]) {
  if (origins.length === 0) return;
  await sql`
    with recursive chain (origin, target, path) as (
      select r.statement_id, r.target_id, array[r.statement_id]
      from jsonb_array_elements_text(${{ origins }}::jsonb -> 'origins') o join xapi_statement_ref r on r.statement_id = o.value::uuid
      union all
      select c.origin, r.target_id, c.path || r.statement_id
      from chain c join xapi_statement_ref r on r.statement_id = c.target
      where r.statement_id <> all (c.path) and cardinality(c.path) < 32
    )
    insert into xapi_statement_ref_match (statement_id, target_id, keys, stored, seq)
    select distinct on (c.origin, c.target) c.origin, c.target,
      array_remove(array['verb:' || t.verb_id, 'activity:' || t.activity_id, 'agent:' || t.actor_key,
        'agent:' || t.object_agent_key, 'registration:' || t.registration::text], null)
      || array(select 'related_activity:' || x from unnest(t.related_activity_ids) x)
      || array(select 'related_agent:' || x from unnest(t.related_agent_keys) x),
      o.stored, o.seq
    from chain c join xapi_statement t on t.id = c.target join xapi_statement o on o.id = c.origin
    where c.target <> c.origin
    on conflict do nothing
  `.execute(db);
}
