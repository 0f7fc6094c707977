// The pages next to the framework floor and the static ceiling, in one run
// (issue 17): the floor is the smallest React Router app (scripts/bench/floor,
// built by `npm run bench`) on the same Express + compression stack; the
// ceiling is the app's own home page HTML from plain node:http.
import { fork } from "node:child_process";
import { createServer } from "node:http";
import path from "node:path";
import { createSession, sessionCookieHeader } from "../../app/lib/session.server";
import { measure, type BenchContext, type Figures } from "./lib";

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

export default async function ratio(ctx: BenchContext, pages: string[]) {
  const learner = await ctx.db.selectFrom("app_user").select("id").where("email", "=", "apprenant@demo.passerelle.fr").executeTakeFirstOrThrow();
  const token = await createSession(ctx.db, learner.id, { ip: "127.0.0.1", userAgent: "bench" });
  const cookie = (await sessionCookieHeader(token, new Date(Date.now() + 86_400_000))).split(";")[0]!;
  const floor = await startFloor(FLOOR_BUILDS.one);
  const floorMany = await startFloor(FLOOR_BUILDS.many);
  const ceiling = await startCeiling(await (await fetch(`${ctx.baseUrl}/`)).text());
  try {
    const rows: { page: string; who: string; connections: number; figures: Figures }[] = [];
    const base: Record<number, { floor: Figures; floorMany: Figures; ceiling: Figures }> = {};
    for (const connections of [10, 100]) {
      base[connections] = {
        floor: await measure(floor.url, { connections, seconds: ctx.seconds }),
        floorMany: await measure(floorMany.url, { connections, seconds: ctx.seconds }),
        ceiling: await measure(ceiling.url, { connections, seconds: ctx.seconds }),
      };
      for (const page of pages) {
        rows.push({ page, who: "visitor", connections, figures: await measure(`${ctx.baseUrl}${page}`, { connections, seconds: ctx.seconds }) });
        rows.push({
          page,
          who: "signed in",
          connections,
          figures: await measure(`${ctx.baseUrl}${page}`, { connections, seconds: ctx.seconds, headers: { Cookie: cookie } }),
        });
      }
    }
    const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
    console.log(`\n${line(["page", "who", "conns", "req/s", "p50 ms", "p97.5 ms", "× floor", "× floor (app's routes)", "× ceiling", "non-2xx"])}`);
    console.log(line(Array(10).fill("---")));
    for (const connections of [10, 100]) {
      const { floor: f, floorMany: m, ceiling: c } = base[connections]!;
      const ofCeiling = (x: Figures) => (x.requestsPerSecond / c.requestsPerSecond).toFixed(3);
      console.log(line(["static ceiling (node:http)", "-", connections, c.requestsPerSecond, c.p50, c.p975, "", "", "1", c.non2xx]));
      console.log(line(["framework floor (React Router + Express, 1 route)", "-", connections, f.requestsPerSecond, f.p50, f.p975, "1", "", ofCeiling(f), f.non2xx]));
      console.log(
        line(["framework floor with as many routes as the app", "-", connections, m.requestsPerSecond, m.p50, m.p975, (m.requestsPerSecond / f.requestsPerSecond).toFixed(2), "1", ofCeiling(m), m.non2xx]),
      );
      for (const r of rows.filter((row) => row.connections === connections)) {
        const x = r.figures;
        console.log(
          line([
            r.page,
            r.who,
            connections,
            x.requestsPerSecond,
            x.p50,
            x.p975,
            (x.requestsPerSecond / f.requestsPerSecond).toFixed(2),
            (x.requestsPerSecond / m.requestsPerSecond).toFixed(2),
            ofCeiling(x),
            x.non2xx,
          ]),
        );
        ctx.report(`${r.page} ${r.who} ${connections}c`, {
          rps: x.requestsPerSecond,
          p50: x.p50,
          p975: x.p975,
          floorRatio: (x.requestsPerSecond / f.requestsPerSecond).toFixed(2),
          routesFloorRatio: (x.requestsPerSecond / m.requestsPerSecond).toFixed(2),
        });
      }
    }
    // A cached visitor page: the 304 answer to its own ETag, against the ceiling.
    const home = await fetch(`${ctx.baseUrl}/cours`);
    const etag = home.headers.get("ETag");
    if (etag) {
      const revalidated = await measure(`${ctx.baseUrl}/cours`, { connections: 10, seconds: ctx.seconds, headers: { "If-None-Match": etag } });
      ctx.report("/cours 304 revalidation 10c", {
        rps: revalidated.requestsPerSecond,
        p975: revalidated.p975,
        ceilingRatio: (revalidated.requestsPerSecond / base[10]!.ceiling.requestsPerSecond).toFixed(3),
      });
    }
  } finally {
    floor.stop();
    floorMany.stop();
    ceiling.stop();
  }
}
