// LRS bench (issue 4): statement ingest through POST /xapi/statements in
// batches of 100 H5P-shaped statements, each request with fresh ids; then
// 1,000,000 statements generated in SQL (INSERT … SELECT generate_series)
// and the GET queries measured against them.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import cliProgress from "cli-progress";
import { CompiledQuery, sql } from "kysely";
import { issueCredential } from "../../app/features/xapi/credentials.server";
import { statementsQuery } from "../../app/features/xapi/queries.server";
import { parseStatementRequest } from "../../app/features/xapi/query-params";
import { percentiles, round, type BenchContext } from "./lib";

const BATCH = 100;
const TOTAL = Number(process.env.BENCH_XAPI_ROWS ?? 1_000_000);
const CHUNK = 50_000;
const LEARNERS = 20_000;
const ACTIVITIES = 2_000;
const SITE = "https://passerelle.example";

/** One batch of H5P `answered` statements (about 1 kB each), as the relay or an external tool sends them. */
function batchBody() {
  const statements: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const learner = Math.floor(Math.random() * LEARNERS);
    const activity = Math.floor(Math.random() * ACTIVITIES);
    const score = Math.round(Math.random() * 10);
    statements.push(
      JSON.stringify({
        id: randomUUID(),
        actor: { objectType: "Agent", account: { homePage: SITE, name: `learner-${learner}` } },
        verb: { id: "http://adlnet.gov/expapi/verbs/answered", display: { "en-US": "answered" } },
        object: {
          id: `${SITE}/activites/${activity}?subContentId=${randomUUID()}`,
          objectType: "Activity",
          definition: {
            extensions: { "http://h5p.org/x-api/h5p-local-content-id": activity },
            name: { "fr-FR": "Lequel de ces mots de passe est le plus solide ?" },
            type: "http://adlnet.gov/expapi/activities/cmi.interaction",
            interactionType: "choice",
            correctResponsesPattern: ["2"],
            choices: [0, 1, 2].map((c) => ({ id: String(c), description: { "fr-FR": `Réponse ${c}` } })),
          },
        },
        context: {
          registration: randomUUID(),
          contextActivities: {
            parent: [{ id: `${SITE}/activites/${activity}`, objectType: "Activity" }],
            category: [{ id: "http://h5p.org/libraries/H5P.MultiChoice-1.16", objectType: "Activity" }],
          },
          extensions: { "https://h5p.org/x-api/h5p-reporting-version": "1.1.0" },
        },
        result: { score: { min: 0, max: 10, raw: score, scaled: score / 10 }, completion: true, success: score >= 5, duration: "PT4.38S", response: "2" },
        timestamp: new Date().toISOString(),
      }),
    );
  }
  return `[${statements.join(",")}]`;
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The app's process (listening on the bench port) and the Postgres backends of the bench database. */
async function benchProcesses(ctx: BenchContext) {
  const port = new URL(ctx.baseUrl).port;
  const ss = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const app = Number(/pid=(\d+)/.exec(ss)?.[1] ?? 0);
  const backends = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(ctx.db);
  return { app, postgres: backends.rows.map((r) => r.pid) };
}

async function ingest(ctx: BenchContext, headers: Record<string, string>) {
  // Bodies are made ahead: the bench client shares the two cores with the app and Postgres.
  const bodies = Array.from({ length: 400 }, batchBody);
  let next = 0;
  const samples: number[] = [];
  // Warm the app's pool so that its Postgres backends exist before CPU is counted.
  await Promise.all(Array.from({ length: 8 }, () => fetch(`${ctx.baseUrl}/xapi/statements`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: batchBody() })));
  const before = Number((await ctx.db.selectFrom("xapi_statement").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const processes = await benchProcesses(ctx);
  const cpuBefore = { app: cpuSeconds(processes.app), pg: processes.postgres.reduce((sum, pid) => sum + cpuSeconds(pid), 0) };
  const started = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${ctx.baseUrl}/xapi/statements`,
        connections: 8,
        duration: ctx.seconds,
        requests: [
          {
            method: "POST",
            headers: { ...headers, "Content-Type": "application/json" },
            // Each request gets a batch never sent before (reused bodies would be duplicates: no writes).
            setupRequest: (req) => ({ ...req, body: next < bodies.length ? bodies[next++] : batchBody() }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_c: unknown, _s: number, _b: number, ms: number) => samples.push(ms));
  });
  const seconds = (Date.now() - started) / 1000;
  const cpuApp = cpuSeconds(processes.app) - cpuBefore.app;
  const cpuPg = processes.postgres.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore.pg;
  const stored =
    Number((await ctx.db.selectFrom("xapi_statement").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n) - before;
  ctx.report("xAPI ingest (POST, 100 per batch)", {
    statementsPerSecond: Math.round(stored / seconds),
    requestsPerSecond: Math.round(result.requests.average),
    ...percentiles(samples),
    stored,
    non2xx: result.non2xx,
    errors: result.errors,
    // Other work on the machine shares its two cores with the app and Postgres: say how much.
    loadAverage: loadavg()[0]!.toFixed(1),
    target: ">= 5000/s",
  });
  // What the machine would do alone: the app is one thread; app and Postgres share two cores.
  const appPerStatement = cpuApp / stored;
  const pgPerStatement = cpuPg / stored;
  ctx.report("xAPI ingest, CPU per statement", {
    appMicros: round(appPerStatement * 1e6),
    postgresBackendsMicros: round(pgPerStatement * 1e6),
    estimatedStatementsPerSecondOnIdle2Cores: Math.round(Math.min(1 / appPerStatement, 2 / (appPerStatement + pgPerStatement))),
  });
}

/** 1,000,000 statements written by Postgres itself: 20,000 learners, 2,000 activities, 5 verbs, a year of `stored`. */
async function generate(ctx: BenchContext) {
  const existing = Number((await ctx.db.selectFrom("xapi_statement").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const bar = new cliProgress.SingleBar({ format: "  generating statements {bar} {value}/{total}" }, cliProgress.Presets.shades_classic);
  bar.start(TOTAL, 0);
  const started = Date.now();
  for (let from = 0; from < TOTAL; from += CHUNK) {
    const to = Math.min(TOTAL, from + CHUNK) - 1;
    await sql`
      insert into xapi_statement (id, statement, comparison_hash, client_timestamp, verb_id, activity_id, actor_key,
        registration, related_activity_ids, related_agent_keys, timestamp, stored)
      select g.id, jsonb_build_object(
          'id', g.id,
          'actor', jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', ${SITE}::text, 'name', 'learner-' || g.learner)),
          'verb', jsonb_build_object('id', g.verb),
          'object', jsonb_build_object('id', g.activity, 'objectType', 'Activity'),
          'context', jsonb_build_object('registration', g.registration, 'contextActivities',
             jsonb_build_object('category', jsonb_build_array(jsonb_build_object('id', 'http://h5p.org/libraries/H5P.MultiChoice-1.16')))),
          'result', jsonb_build_object('score', jsonb_build_object('min', 0, 'max', 10, 'raw', g.n % 11, 'scaled', (g.n % 11) / 10.0),
             'completion', true, 'duration', 'PT4.38S'),
          'timestamp', to_char(g.stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'stored', to_char(g.stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'authority', jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', ${SITE}::text, 'name', 'passerelle')),
          'version', '1.0.0'),
        md5(g.id::text), true, g.verb, g.activity, 'account:' || ${SITE}::text || ' learner-' || g.learner,
        g.registration, array[g.activity, 'http://h5p.org/libraries/H5P.MultiChoice-1.16'],
        array['account:' || ${SITE}::text || ' learner-' || g.learner, 'account:' || ${SITE}::text || ' passerelle'],
        g.stored, g.stored
      from (
        select gen_random_uuid() as id, n,
          (n * 7919) % ${LEARNERS} as learner,
          ${SITE}::text || '/activites/' || ((n * 104729) % ${ACTIVITIES}) as activity,
          'http://adlnet.gov/expapi/verbs/' || (array['answered','completed','attempted','passed','failed'])[(1 + n % 5)::int] as verb,
          case when n % 4 = 0 then md5('reg' || (n / 40))::uuid end as registration,
          timestamptz '2026-01-01' + (n * interval '31 seconds') as stored
        from generate_series(${from}::bigint, ${to}::bigint) as n
      ) g
    `.execute(ctx.db);
    bar.update(to + 1);
  }
  bar.stop();
  await sql`analyze xapi_statement`.execute(ctx.db);
  const size = await sql<{ size: string }>`select pg_size_pretty(pg_total_relation_size('xapi_statement')) as size`.execute(ctx.db);
  ctx.report("xAPI: 1,000,000 statements generated in SQL", {
    rows: existing + TOTAL,
    seconds: round((Date.now() - started) / 1000),
    tableAndIndexes: size.rows[0]!.size,
  });
}

async function queries(ctx: BenchContext, headers: Record<string, string>) {
  const agent = (n: number) => encodeURIComponent(JSON.stringify({ account: { homePage: SITE, name: `learner-${n}` } }));
  const activity = (n: number) => encodeURIComponent(`${SITE}/activites/${n}`);
  const verb = (v: string) => encodeURIComponent(`http://adlnet.gov/expapi/verbs/${v}`);
  const r = () => Math.floor(Math.random() * 1_000_000);
  const registration = async () => {
    const row = await sql<{ registration: string }>`select registration from xapi_statement where registration is not null offset ${r() % 1000} limit 1`.execute(ctx.db);
    return row.rows[0]!.registration;
  };
  const regs = await Promise.all(Array.from({ length: 20 }, registration));
  const ids = (await sql<{ id: string }>`select id from xapi_statement tablesample system (0.1) limit 200`.execute(ctx.db)).rows.map((row) => row.id);
  // A `more` link to follow: the second page of a busy activity.
  const first = await fetch(`${ctx.baseUrl}/xapi/statements?activity=${activity(7)}&limit=50`, { headers });
  const more = ((await first.json()) as { more: string }).more;

  const kinds: [string, () => string][] = [
    ["latest 100, no filter", () => `/xapi/statements`],
    ["by agent (about 50 statements)", () => `/xapi/statements?agent=${agent(r() % LEARNERS)}`],
    ["by agent + verb", () => `/xapi/statements?agent=${agent(r() % LEARNERS)}&verb=${verb("completed")}`],
    ["by verb (a fifth of the rows)", () => `/xapi/statements?verb=${verb(["answered", "completed", "passed"][r() % 3]!)}&limit=50`],
    ["by activity (about 500 statements)", () => `/xapi/statements?activity=${activity(r() % ACTIVITIES)}&limit=50`],
    ["by activity, related_activities", () => `/xapi/statements?activity=${activity(r() % ACTIVITIES)}&related_activities=true&limit=50`],
    ["by registration", () => `/xapi/statements?registration=${regs[r() % regs.length]}`],
    ["since/until, one day, ascending", () => {
      const day = new Date(Date.UTC(2026, 0, 1) + (r() % 300) * 86_400_000);
      return `/xapi/statements?since=${day.toISOString()}&until=${new Date(day.getTime() + 86_400_000).toISOString()}&ascending=true&limit=50`;
    }],
    ["next page through `more`", () => more],
    ["one statement by id", () => `/xapi/statements?statementId=${ids[r() % ids.length]}`],
  ];

  /** Time inside Postgres (planning + execution, from EXPLAIN ANALYZE) of the query a path runs. */
  const dbTime = async (path: string) => {
    const parsed = parseStatementRequest(new URL(path, ctx.baseUrl).searchParams);
    const compiled =
      parsed.kind === "query"
        ? statementsQuery(ctx.db, parsed.query, parsed.after, {}).compile()
        : ctx.db.selectFrom("xapi_statement").select(["statement", "voided"]).where("id", "=", parsed.id).compile();
    const result = await ctx.db.executeQuery<{ "QUERY PLAN": [{ "Planning Time": number; "Execution Time": number }] }>(
      CompiledQuery.raw(`explain (analyze, format json) ${compiled.sql}`, [...compiled.parameters]),
    );
    const plan = result.rows[0]!["QUERY PLAN"][0];
    return plan["Planning Time"] + plan["Execution Time"];
  };

  const all: number[] = [];
  const allDb: number[] = [];
  for (const [name, path] of kinds) {
    const inDb: number[] = [];
    for (let i = 0; i < 30; i++) inDb.push(await dbTime(path()));
    allDb.push(...inDb);
    const samples: number[] = [];
    let failures = 0;
    // Sequential requests from 2 clients: latency, not throughput, is what is measured here.
    const deadline = Date.now() + Math.max(3, ctx.seconds / 2) * 1000;
    await Promise.all(
      [0, 1].map(async () => {
        while (Date.now() < deadline) {
          const t0 = performance.now();
          const res = await fetch(`${ctx.baseUrl}${path()}`, { headers });
          await res.arrayBuffer();
          samples.push(performance.now() - t0);
          if (res.status !== 200) failures++;
        }
      }),
    );
    all.push(...samples);
    const db = percentiles(inDb);
    ctx.report(`xAPI GET ${name}`, { requests: samples.length, ...percentiles(samples), failures, dbP50: db.p50, dbP95: db.p95 });
  }
  ctx.report("xAPI GET, all queries (HTTP)", { requests: all.length, ...percentiles(all), loadAverage: loadavg()[0]!.toFixed(1), target: "p95 < 50 ms" });
  const db = percentiles(allDb);
  ctx.report("xAPI GET, all queries (inside Postgres)", { queries: allDb.length, p50: db.p50, p95: db.p95, p99: db.p99 });
}

export default async function xapiBench(ctx: BenchContext) {
  const coordinator = await ctx.db.selectFrom("app_user").selectAll().where("role", "=", "coordinator").executeTakeFirstOrThrow();
  const credential = await issueCredential(ctx.db, coordinator, { label: "bench", scopes: ["all"] });
  const headers = {
    Authorization: `Basic ${Buffer.from(`${credential.api_key}:${credential.secret}`).toString("base64")}`,
    "X-Experience-API-Version": "1.0.3",
  };
  await ingest(ctx, headers);
  await generate(ctx);
  await queries(ctx, headers);
}
