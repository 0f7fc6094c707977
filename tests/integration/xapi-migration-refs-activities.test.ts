import { randomUUID } from "node:crypto";
import { Migrator } from "kysely";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations";
import { activityHash } from "../../app/features/xapi/activities";
import { insertStatements } from "../../app/features/xapi/queries.server";
import { prepareStatement } from "../../app/features/xapi/service.server";
import { openDatabase, type Db, type OpenedDatabase } from "../../app/lib/db.server";
import { ADMIN_URL, databaseUrl } from "../helpers/postgres-template";

// The 2026-12-10 migration on statements stored before it: StatementRef edges,
// what they reach, and merged Activity definitions are backfilled (decision 026),
// on PostgreSQL and on PGlite.
const BEFORE = "2026-12-09_projects-file-trash";
const provider = { getMigrations: async () => migrations };
const writer = { authority: { objectType: "Agent", mbox: "mailto:lrs@example.org" }, credentialId: null };
const opened: OpenedDatabase[] = [];
let created: string | null = null;

afterAll(async () => {
  for (const o of opened) await o.close();
  if (created) {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${created}" with (force)`);
    await admin.end();
  }
});

async function emptyDatabase(backend: "postgres" | "pglite"): Promise<Db> {
  if (backend === "pglite") {
    const o = await openDatabase({ memory: true });
    opened.push(o);
    return o.db;
  }
  created = `passerelle_migration_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${created}"`);
  await admin.end();
  const o = await openDatabase({ url: databaseUrl(created), poolSize: 2 });
  opened.push(o);
  return o.db;
}

describe.each(["postgres", "pglite"] as const)("xAPI refs and activities migration — %s", (backend) => {
  it("backfills StatementRef links and merged definitions from the statements already stored", async () => {
    const db = await emptyDatabase(backend);
    const migrator = new Migrator({ db, provider });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();

    const activity = "https://passerelle.example/activites/quiz";
    const actor = { mbox: "mailto:ana@example.org" };
    const verb = { id: "http://adlnet.gov/expapi/verbs/answered" };
    const c = { id: randomUUID(), actor, verb, object: { id: activity, definition: { name: { "en-US": "Quiz" }, type: "http://x.example/a" } } };
    const b = { id: randomUUID(), actor: { mbox: "mailto:b@example.org" }, verb, object: { objectType: "StatementRef", id: c.id } };
    const a = { id: randomUUID(), actor: { mbox: "mailto:a@example.org" }, verb, object: { objectType: "StatementRef", id: b.id.toUpperCase() } };
    const later = {
      id: randomUUID(),
      actor,
      verb,
      object: { id: "https://passerelle.example/activites/autre" },
      context: { contextActivities: { parent: { id: activity, definition: { name: { "fr-FR": "Questionnaire" }, type: "http://x.example/b" } } } },
    };
    const t0 = Date.now();
    const rows = [c, b, a, later].map((s, i) => prepareStatement(s, writer, new Date(t0 + i)).row);
    await db.transaction().execute((trx) => insertStatements(trx, rows));

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const edges = await db.selectFrom("xapi_statement_ref").select(["statement_id", "target_id"]).orderBy("statement_id").execute();
    expect(edges).toEqual(
      [
        { statement_id: b.id, target_id: c.id },
        { statement_id: a.id, target_id: b.id },
      ].sort((x, y) => (x.statement_id < y.statement_id ? -1 : 1)),
    );
    const matches = await db.selectFrom("xapi_statement_ref_match").select(["statement_id", "target_id", "keys"]).execute();
    const reached = matches.map((m) => `${m.statement_id}>${m.target_id}`).sort();
    expect(reached).toEqual([`${a.id}>${b.id}`, `${a.id}>${c.id}`, `${b.id}>${c.id}`].sort());
    expect(matches.find((m) => m.statement_id === a.id && m.target_id === c.id)!.keys).toEqual(
      expect.arrayContaining([`activity:${activity}`, `verb:${verb.id}`, "agent:mbox:mailto:ana@example.org", `related_activity:${activity}`]),
    );
    const definition = await db.selectFrom("xapi_activity").select(["activity_id", "definition"]).where("activity_hash", "=", activityHash(activity)).executeTakeFirst();
    expect(definition).toEqual({ activity_id: activity, definition: { name: { "en-US": "Quiz", "fr-FR": "Questionnaire" }, type: "http://x.example/b" } });
  }, 120_000);
});
