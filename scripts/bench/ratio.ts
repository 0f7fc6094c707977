// The pages next to the framework floor and the static ceiling, in one run
// (issue 17): the floor is the smallest React Router app (scripts/bench/floor,
// built by `npm run bench`) on the same Express + compression stack; the
// ceiling is the app's own home page HTML from plain node:http. Visitors'
// pages revalidated with their tag (a 304 answered before rendering,
// decision 049) sit next to the ceiling. The app's CPU per request (its
// processes' user + system time from /proc) holds when other work shares the
// machine, which requests per second do not: both are printed, with the load.
import { fork } from "node:child_process";
import { createServer, get } from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { createSession, sessionCookieHeader } from "../../app/lib/session.server";
import { measure, treeCpuMs, type BenchContext, type Figures } from "./lib";

const FLOOR_BUILDS = { one: path.resolve("build-bench-floor"), many: path.resolve("build-bench-floor-routes") };

async function startFloor(build: string) {
  // Production React and React Router, as the app runs (without it React runs its development build).
  const child = fork(path.resolve("scripts/bench/floor/server.mjs"), [build], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the floor app exited (${code}); was scripts/bench/floor built?`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

async function startCeiling(html: string) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, stop: () => server.close() };
}

interface RatioOptions {
  connections?: number[];
  signedIn?: boolean;
}

/**
 * The tag as autocannon's requests will be given it: through node:http with
 * no header of its own (fetch adds `Accept-Language: *`, which is part of the tag).
 */
function plainTag(url: string) {
  return new Promise<string | null>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve([res.headers.etag].flat()[0] ?? null));
    }).on("error", reject);
  });
}

type Measured = Figures & { cpuMsPerRequest: number | null; notModified: number };

/** One measurement of the app, with its server CPU per request (304s included). */
async function measureApp(ctx: BenchContext, url: string, connections: number, headers: Record<string, string> = {}): Promise<Measured> {
  const before = treeCpuMs(ctx.appPid);
  let notModified = 0;
  const figures = await measure(url, { connections, seconds: ctx.seconds, headers, onStatus: (status) => void (status === 304 && notModified++) });
  const requests = figures.requestsPerSecond * ctx.seconds;
  return { ...figures, notModified, cpuMsPerRequest: requests ? (treeCpuMs(ctx.appPid) - before) / requests : null };
}

export default async function ratio(ctx: BenchContext, pages: string[], { connections: levels = [10, 100], signedIn = true }: RatioOptions = {}) {
  const learner = await ctx.db.selectFrom("app_user").select("id").where("email", "=", "apprenant@demo.passerelle.fr").executeTakeFirstOrThrow();
  const token = await createSession(ctx.db, learner.id, { ip: "127.0.0.1", userAgent: "bench" });
  const cookie = (await sessionCookieHeader(token, new Date(Date.now() + 86_400_000))).split(";")[0]!;
  const floor = await startFloor(FLOOR_BUILDS.one);
  const floorMany = await startFloor(FLOOR_BUILDS.many);
  const ceiling = await startCeiling(await (await fetch(`${ctx.baseUrl}/`)).text());
  const loadBefore = loadavg();
  try {
    const rows: { page: string; who: string; connections: number; figures: Measured }[] = [];
    const base: Record<number, { floor: Figures; floorMany: Figures; ceiling: Figures }> = {};
    for (const connections of levels) {
      base[connections] = {
        floor: await measure(floor.url, { connections, seconds: ctx.seconds }),
        floorMany: await measure(floorMany.url, { connections, seconds: ctx.seconds }),
        ceiling: await measure(ceiling.url, { connections, seconds: ctx.seconds }),
      };
      // Warm-up (JIT, pools): the first measurement after a start otherwise pays for it. A visitor's page
      // may be answered from memory (decision 050): the signed-in warm-up is what runs the rendering code.
      for (const page of pages) {
        await measure(`${ctx.baseUrl}${page}`, { connections, seconds: 1 });
        if (signedIn) await measure(`${ctx.baseUrl}${page}`, { connections, seconds: 1, headers: { Cookie: cookie } });
      }
      // Revalidations first: a phone asking again for a page it has, with the tag it was given.
      for (const page of pages) {
        // The tag holds the minute: a measurement across a minute's turn would send a stale tag for its rest.
        const left = 60_000 - (Date.now() % 60_000);
        if (left < (ctx.seconds + 2) * 1000) await new Promise((r) => setTimeout(r, left + 100));
        const etag = await plainTag(`${ctx.baseUrl}${page}`);
        if (etag) rows.push({ page: `${page} → 304`, who: "visitor", connections, figures: await measureApp(ctx, `${ctx.baseUrl}${page}`, connections, { "If-None-Match": etag }) });
      }
      for (const page of pages) {
        rows.push({ page, who: "visitor", connections, figures: await measureApp(ctx, `${ctx.baseUrl}${page}`, connections) });
        if (signedIn) rows.push({ page, who: "signed in", connections, figures: await measureApp(ctx, `${ctx.baseUrl}${page}`, connections, { Cookie: cookie }) });
      }
    }
    const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
    const loadAfter = loadavg();
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
    console.log(`\nload average (1, 5, 15 min): before ${load(loadBefore)}, after ${load(loadAfter)}`);
    console.log(`\n${line(["page", "who", "conns", "req/s", "p50 ms", "p97.5 ms", "server CPU ms/req", "× floor", "× floor (app's routes)", "× ceiling", "non-2xx (of which 304)"])}`);
    console.log(line(Array(11).fill("---")));
    for (const connections of levels) {
      const { floor: f, floorMany: m, ceiling: c } = base[connections]!;
      const ofCeiling = (x: Figures) => (x.requestsPerSecond / c.requestsPerSecond).toFixed(3);
      console.log(line(["static ceiling (node:http)", "-", connections, c.requestsPerSecond, c.p50, c.p975, "", "", "", "1", c.non2xx]));
      console.log(line(["framework floor (React Router + Express, 1 route)", "-", connections, f.requestsPerSecond, f.p50, f.p975, "", "1", "", ofCeiling(f), f.non2xx]));
      console.log(
        line(["framework floor with as many routes as the app", "-", connections, m.requestsPerSecond, m.p50, m.p975, "", (m.requestsPerSecond / f.requestsPerSecond).toFixed(2), "1", ofCeiling(m), m.non2xx]),
      );
      for (const r of rows.filter((row) => row.connections === connections)) {
        const x = r.figures;
        const cpu = x.cpuMsPerRequest === null ? "" : x.cpuMsPerRequest.toFixed(2);
        console.log(
          line([
            r.page,
            r.who,
            connections,
            x.requestsPerSecond,
            x.p50,
            x.p975,
            cpu,
            (x.requestsPerSecond / f.requestsPerSecond).toFixed(2),
            (x.requestsPerSecond / m.requestsPerSecond).toFixed(2),
            ofCeiling(x),
            `${x.non2xx} (${x.notModified})`,
          ]),
        );
        ctx.report(`${r.page} ${r.who} ${connections}c`, {
          rps: x.requestsPerSecond,
          p50: x.p50,
          p975: x.p975,
          cpuMsPerRequest: cpu,
          floorRatio: (x.requestsPerSecond / f.requestsPerSecond).toFixed(2),
          ceilingRatio: ofCeiling(x),
        });
      }
    }
  } finally {
    floor.stop();
    floorMany.stop();
    ceiling.stop();
  }
}
