import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Two things the LRS now keeps beside xapi_statement, written in the
// statements' own transaction (decision 026):
// - which statements target which through a StatementRef object, and the
//   filter keys of every statement each one reaches (xAPI-Communication
//   §2.1.3 "Filter Conditions for StatementRefs", §2.1.4): a filtered query
//   also returns the statements that target a matching one;
// - the Activities resource's canonical definition of each Activity (§2.5),
//   merged from every definition statements gave it.
// The backfills below repeat, in SQL, what the app now does on insert.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per statement whose object is a StatementRef; the target may not be stored (yet).
  await db.schema
    .createTable("xapi_statement_ref")
    .addColumn("statement_id", "uuid", (c) => c.primaryKey().references("xapi_statement.id").onDelete("cascade"))
    .addColumn("target_id", "uuid", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("xapi_statement_ref_target_idx").on("xapi_statement_ref").column("target_id").execute();

  // One row per (targeting statement, stored statement it reaches through its chain of StatementRefs):
  // the reached statement's filter keys as "verb:<iri>", "activity:<iri>", "agent:<key>",
  // "registration:<uuid>", "related_activity:<iri>", "related_agent:<key>", and the targeting
  // statement's paging order (stored, seq), copied so that a page is read in order from here.
  await db.schema
    .createTable("xapi_statement_ref_match")
    .addColumn("statement_id", "uuid", (c) => c.notNull().references("xapi_statement.id").onDelete("cascade"))
    .addColumn("target_id", "uuid", (c) => c.notNull().references("xapi_statement.id").onDelete("cascade"))
    .addColumn("keys", sql`text[]`, (c) => c.notNull())
    .addColumn("stored", "timestamptz", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("xapi_statement_ref_match_pk", ["statement_id", "target_id"])
    .execute();
  await sql`create index xapi_statement_ref_match_target_idx on xapi_statement_ref_match (target_id)`.execute(db);
  await sql`create index xapi_statement_ref_match_keys_idx on xapi_statement_ref_match using gin (keys)`.execute(db);
  await sql`create index xapi_statement_ref_match_stored_idx on xapi_statement_ref_match (stored, seq)`.execute(db);

  await db.schema
    .createTable("xapi_activity")
    // Lower-case hex SHA-256 of the IRI (UTF-8): an IRI of 2,048 characters can pass a btree key's size.
    .addColumn("activity_hash", "text", (c) => c.primaryKey().check(sql`activity_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull().check(sql`jsonb_typeof(definition) = 'object'`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`
    insert into xapi_statement_ref (statement_id, target_id)
    select id, lower(statement -> 'object' ->> 'id')::uuid
    from xapi_statement
    where statement -> 'object' ->> 'objectType' = 'StatementRef'`.execute(db);

  await sql`
    with recursive chain (origin, target, path) as (
      select statement_id, target_id, array[statement_id] from xapi_statement_ref
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
    on conflict do nothing`.execute(db);

  // Definitions already stored: language maps and extensions merged in stored order (a later
  // statement's entry wins), every other property from the latest statement that gave it.
  // Interaction components are taken from the latest list as they are (the app also merges
  // their descriptions from then on).
  await sql`
    with found as (
      select c.activity ->> 'id' as activity_id, c.activity -> 'definition' as definition,
        row_number() over (order by s.stored, s.seq, c.ord) as rank
      from xapi_statement s
      cross join lateral jsonb_array_elements(
        jsonb_build_array(s.statement -> 'object')
        || jsonb_path_query_array(s.statement, 'lax $.context.contextActivities.*[*]')
        || jsonb_path_query_array(s.statement, 'lax $.object ? (@.objectType == "SubStatement").object')
        || jsonb_path_query_array(s.statement, 'lax $.object ? (@.objectType == "SubStatement").context.contextActivities.*[*]')
      ) with ordinality as c(activity, ord)
      where jsonb_typeof(c.activity -> 'definition') = 'object'
        and jsonb_typeof(c.activity -> 'id') = 'string'
        and coalesce(c.activity ->> 'objectType', 'Activity') = 'Activity'
    ),
    entries as (
      select f.activity_id, e.key, e.value, f.rank from found f cross join lateral jsonb_each(f.definition) e
    ),
    merged as (
      select activity_id, key, (array_agg(value order by rank desc))[1] as value
      from entries where key not in ('name', 'description', 'extensions') group by activity_id, key
      union all
      select e.activity_id, e.key, jsonb_object_agg(m.key, m.value order by e.rank)
      from entries e cross join lateral jsonb_each(e.value) m
      where e.key in ('name', 'description', 'extensions') and jsonb_typeof(e.value) = 'object'
      group by e.activity_id, e.key
    )
    insert into xapi_activity (activity_hash, activity_id, definition)
    select encode(sha256(convert_to(activity_id, 'UTF8')), 'hex'), activity_id, jsonb_object_agg(key, value)
    from merged group by activity_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("xapi_activity").execute();
  await db.schema.dropTable("xapi_statement_ref_match").execute();
  await db.schema.dropTable("xapi_statement_ref").execute();
}
