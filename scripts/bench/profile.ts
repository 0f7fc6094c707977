// npm run bench:profile — where a worker's time goes (issue 17). Starts the
// built app (one worker, `--cpu-prof`) on a fresh real-Postgres database with
// the demo data, loads each page with 10 connections, stops the worker so V8
// writes its profile, and prints self time by package/file and by function.
// The .cpuprofile stays in test-results/profiles/ for Chrome DevTools.
//   PROFILE_PAGES="/,/cours" PROFILE_SIGNED_IN=1 [PROFILE_PATH=<path slug>] npm run bench:profile
// In a page, `:lesson` stands for the first lesson of the course named before
// it (`/cours/faire-ses-demarches-en-ligne/lecons/:lesson`): its id is made by the seed.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import {
  createSession,
  sessionCookieHeader,
} from "../../app/lib/session.server";
import { choosePath } from "../../app/features/paths/choices.server";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { seedDemo } from "../../db/seed";
import { startApp } from "../../tests/helpers/e2e-server";
import { ADMIN_URL, databaseUrl } from "../../tests/helpers/postgres-template";
import { measure, treeCpuMs } from "./lib";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const pages = (process.env.PROFILE_PAGES ?? "/,/cours,/lieux,/ateliers").split(
  ",",
);
const signedIn = process.env.PROFILE_SIGNED_IN === "1";
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const dir = path.resolve("test-results/profiles");
let requests = 0;
const cpuPerRequest: string[] = [];
// PROFILE_SAVED=1 re-reads the last run's profiles instead of running again.
if (process.env.PROFILE_SAVED !== "1") await run();

async function run() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const dbName = `passerelle_profile_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  const url = databaseUrl(dbName);
  const opened = await openDatabase({ url, poolSize: 2 });
  try {
    await migrateToLatest(opened.db);
    await seedDemo(opened.db);
    const app = await startApp(
      {
        DATABASE_URL: url,
        LOG_LEVEL: "warn",
        OUTBOX_WORKER: "false",
        // What rendering costs: a visitor's page kept by its tag (decision 050) would show only the memory's answer.
        VISITOR_PAGE_MEMORY: process.env.VISITOR_PAGE_MEMORY ?? "0",
        // The workers inherit the primary's flags (cluster.fork), so each writes its profile.
      },
      ["--cpu-prof", `--cpu-prof-dir=${dir}`],
    );
    const headers: Record<string, string> = {};
    if (signedIn) {
      const learner = await opened.db
        .selectFrom("app_user")
        .selectAll()
        .where("email", "=", "apprenant@demo.passerelle.fr")
        .executeTakeFirstOrThrow();
      // PROFILE_PATH=<slug>: the learner follows that path (the home computes its progress).
      if (process.env.PROFILE_PATH) await choosePath(opened.db, learner, process.env.PROFILE_PATH);
      const token = await createSession(opened.db, learner.id, {
        ip: "127.0.0.1",
        userAgent: "profile",
      });
      headers.Cookie = (
        await sessionCookieHeader(token, new Date(Date.now() + 86_400_000))
      ).split(";")[0]!;
    }
    const urls = await Promise.all(pages.map((named) => withLessonId(opened.db, named)));
    // Every page once under load first: the first requests load route modules
    // and run cold code, which would be charged to whichever page came first.
    for (const page of urls) await measure(`${app.baseUrl}${page}`, { connections: 4, seconds: 2, headers });
    for (const page of urls) {
      const cpuBefore = treeCpuMs(app.child.pid!);
      const figures = await measure(`${app.baseUrl}${page}`, {
        connections: 10,
        seconds,
        headers,
      });
      const cpu = treeCpuMs(app.child.pid!) - cpuBefore;
      requests += figures.requestsPerSecond * seconds;
      cpuPerRequest.push(`${page} ${(cpu / (figures.requestsPerSecond * seconds)).toFixed(2)} ms`);
      console.log(`${page}: ${figures.requestsPerSecond} req/s, p50 ${figures.p50} ms, p97.5 ${figures.p975} ms`);
    }
    await app.stop();
  } finally {
    await opened.close();
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
}

async function withLessonId(db: Awaited<ReturnType<typeof openDatabase>>["db"], page: string) {
  const m = /^\/cours\/([^/]+)\/lecons\/:lesson$/.exec(page);
  if (!m) return page;
  const lesson = await db
    .selectFrom("lesson")
    .innerJoin("course", "course.id", "lesson.course_id")
    .select("lesson.id")
    .where("course.slug", "=", m[1]!)
    .where("lesson.deleted_at", "is", null)
    .orderBy("lesson.module_id")
    .orderBy("lesson.position")
    .executeTakeFirstOrThrow();
  return page.replace(":lesson", lesson.id);
}

// The busiest profile is the HTTP worker's (the primary and the background worker idle).
const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
const busy = (p: CpuProfile) => {
  const idle = new Set(
    p.nodes
      .filter((n) => n.callFrame.functionName === "(idle)")
      .map((n) => n.id),
  );
  return p.samples.reduce(
    (sum, id, i) => sum + (idle.has(id) ? 0 : (p.timeDeltas[i] ?? 0)),
    0,
  );
};
const [file] = files
  .map((f) => ({
    f,
    p: JSON.parse(readFileSync(path.join(dir, f), "utf8")) as CpuProfile,
  }))
  .sort((a, b) => busy(b.p) - busy(a.p));
if (!file) throw new Error(`no profile written in ${dir}`);
summarise(file.p, path.join(dir, file.f));

function summarise(profile: CpuProfile, where: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  let busy = 0;
  const selfByOwner = new Map<string, number>();
  const totalByOwner = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) =>
    m.set(k, (m.get(k) ?? 0) + us);
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    busy += us;
    add(
      selfByOwner,
      owner(frame.url) || `(${frame.functionName || "native"})`,
      us,
    );
    add(selfByFunction, label(frame), us);
    // Inclusive: each package and each of our functions once per stack.
    const owners = new Set<string>();
    const functions = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const f = byId.get(at)!.callFrame;
      if (f.url) owners.add(owner(f.url));
      if (f.url.includes(`/${process.env.BUILD_DIR ?? "build"}/server/`)) functions.add(label(f));
    }
    for (const o of owners) add(totalByOwner, o, us);
    for (const f of functions) add(totalByFunction, f, us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) => `  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${k}`,
      )
      .join("\n");
  console.log(`\nprofile ${where}: ${(busy / 1e6).toFixed(1)} s busy (idle left out)`);
  // CPU per request holds when other work shares the machine; req/s does not.
  if (requests) console.log(`sampled time per request: ${(busy / 1e3 / requests).toFixed(2)} ms over ${requests} requests`);
  // The server's own CPU (user + system, all its processes) per request: it
  // holds when other work shares the machine, where req/s and samples do not.
  if (cpuPerRequest.length) console.log(`server CPU per request: ${cpuPerRequest.join(", ")}`);
  console.log(`\nself time by package or file:\n${top(selfByOwner, 20)}`);
  console.log(
    `\ninclusive time by package or file (callees included):\n${top(totalByOwner, 20)}`,
  );
  console.log(`\nself time by function:\n${top(selfByFunction, 30)}`);
  console.log(
    `\ninclusive time of the app's own functions:\n${top(totalByFunction, 30)}`,
  );
}

function label(frame: ProfileNode["callFrame"]) {
  return `${frame.functionName || "(anonymous)"} ${owner(frame.url)}:${frame.lineNumber + 1}`;
}

/** A package name for node_modules, a repo-relative path for ours. */
function owner(url: string) {
  if (!url) return "";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  return url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
}
