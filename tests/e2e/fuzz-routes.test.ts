import { readdirSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../../app/routes";
import { openDatabase } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { seedDemo } from "../../db/seed";
import { DEMO } from "../helpers/browser";
import { freshDatabase, signInCookie, startServer, type StartedServer } from "./server-support";

/**
 * Issue 22, acceptance 3: every route of app/routes.ts, with hostile
 * parameters, queries and bodies, as a visitor, a learner, a mediator, a
 * teacher and a coordinator, against the built server on its own database
 * with the demo data. No answer may be a 5xx — except 503 from the live-class
 * routes, since LiveKit is deliberately not configured here. Deterministic
 * (a seeded generator picks the variants) and bounded (about 3,000 requests).
 */

const SEED = 22;
/** Per signed-in role and route: this many GETs and POSTs, picked from the variants below. */
const GETS_PER_ROLE = 1;
const POSTS_PER_ROLE = 1;
/** Hostile segments a visitor sends to each route with parameters: NUL and an unknown id always, the rest picked. */
const VISITOR_SEGMENTS = 6;
const CONCURRENCY = 6;

/** mulberry32: small, seedable, good enough to pick test variants. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick: <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

/** Path segments as sent on the wire (already percent-encoded where needed). */
const SEGMENTS = [
  "a%00b", // NUL
  "x".repeat(3000), // overlong
  "00000000-0000-4000-8000-000000000000", // an id that names nothing
  "%F0%9D%95%8F%E2%80%AE%EF%BB%BF%CC%81", // 𝕏, right-to-left override, BOM, a lone combining accent
  "%ED%A0%80", // a UTF-16 surrogate encoded as UTF-8: not UTF-8
  "%E0%A4%A", // a broken escape
  "..%2F..%2Fetc%2Fpasswd",
  "-1",
  "99999999999999999999999",
  "1e309",
  "%27%3B--%20",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "a.ics",
  "%0A%0D",
] as const;
const SPLATS = ["../../../../etc/passwd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "a%00.png", "x/".repeat(200) + "y", "%C0%AE%C0%AE/x"] as const;
// Every query name gets a value: the long one stays short enough for Node's 16 kB header limit (431) to not hide the app.
const QUERY_VALUES = ["%00", "y".repeat(600), "%ED%A0%80", "-1", "0", "999999999999999", "..%2F..%2F", "%E2%80%AE", "2026-13-45", "%5B%5D", "https%3A%2F%2Fevil.example"] as const;

interface Body {
  kind: string;
  type?: string;
  body: Buffer;
}
const FK_KEYS = fkShapedFieldNames();
const INTENTS = knownIntents();
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const BODIES: readonly ((pick: ReturnType<typeof generator>["pick"]) => Body)[] = [
  () => ({ kind: "json", type: "application/json", body: Buffer.from(JSON.stringify({ intent: "x", a: [1, { b: null }], "\u0000": "\u0000" })) }),
  () => ({ kind: "json-broken", type: "application/json", body: Buffer.from('{"intent": "x", ') }),
  () => ({ kind: "multipart-broken", type: "multipart/form-data; boundary=XYZ", body: Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue') }),
  () => ({ kind: "multipart-no-boundary", type: "multipart/form-data", body: Buffer.from("garbage") }),
  () => ({ kind: "text-plain", type: "text/plain", body: Buffer.from("a=b") }),
  () => ({ kind: "no-type", body: Buffer.alloc(0) }),
  (pick) => ({ kind: "form-nul", type: "application/x-www-form-urlencoded", body: Buffer.from(`intent=${pick(INTENTS)}&q=a%00b&title=x%00&name=%00&email=a%00%40b.fr`) }),
  () => ({ kind: "form-bad-escapes", type: "application/x-www-form-urlencoded", body: Buffer.from("a=%E0%A4%A&b=%ZZ&c=%ED%A0%80") }),
  () => ({ kind: "form-not-utf8", type: "application/x-www-form-urlencoded", body: Buffer.from([0x61, 0x3d, 0xff, 0xfe, 0x26, 0x62, 0x3d, 0xc3]) }),
  (pick) => ({
    kind: "form-many-fields",
    type: "application/x-www-form-urlencoded",
    body: Buffer.from(`intent=${pick(INTENTS)}&` + Array.from({ length: 3000 }, (_, i) => `f${i}=${i % 2 ? "%E2%80%AE" : "v"}`).join("&")),
  }),
  (pick) => ({
    kind: "form-unknown-references",
    type: "application/x-www-form-urlencoded",
    body: Buffer.from(
      new URLSearchParams([["intent", pick(INTENTS)], ...FK_KEYS.map((k) => [k, UNKNOWN_ID] as [string, string]), ["page", "-1"], ["date", "2026-02-30"]]).toString(),
    ),
  }),
  () => ({
    kind: "multipart-odd",
    type: "multipart/form-data; boundary=B",
    body: Buffer.from(
      '--B\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="../../a\u0000.zip"\r\nContent-Type: application/zip\r\n\r\nPK\u0003\u0004junk\r\n--B--\r\n',
    ),
  }),
];

interface Target {
  id: string;
  pattern: string;
  file: string;
}

/** Every route of app/routes.ts with its full path, nested ones included. */
function flatten(entries: readonly RouteConfigEntry[], prefix = ""): Target[] {
  return entries.flatMap((entry) => {
    const own = entry.index ? prefix : [prefix, entry.path ?? ""].filter(Boolean).join("/");
    const here: Target[] = [{ id: entry.id ?? entry.file, pattern: `/${own}`, file: entry.file }];
    return [...here, ...flatten(entry.children ?? [], own)];
  });
}

function fill(pattern: string, pick: ReturnType<typeof generator>["pick"]) {
  return pattern
    .split("/")
    .map((part) => {
      if (part === "*") return pick(SPLATS);
      // ":id.ics" keeps its suffix: the parameter is only the part before the dot.
      const param = /^:([A-Za-z]+)(.*)$/.exec(part);
      return param ? `${pick(SEGMENTS)}${param[2]}` : part;
    })
    .join("/")
    .replace(/\/{2,}/g, "/");
}

/** Names the app reads from the query string, found in the source. */
function queryNames() {
  const names = new Set<string>();
  for (const file of sourceFiles("app")) {
    for (const m of readFileSync(file, "utf8").matchAll(/searchParams\.(?:get|getAll|has)\("([A-Za-z_]+)"\)/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

function fkShapedFieldNames() {
  const names = new Set<string>();
  for (const file of sourceFiles("app/features")) {
    if (!file.endsWith("schemas.ts")) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/\b([a-z][A-Za-z]*Id)\s*:/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

function knownIntents() {
  const names = new Set<string>(["x"]);
  for (const file of sourceFiles("app")) {
    for (const m of readFileSync(file, "utf8").matchAll(/intent: z\.literal\("([a-z_-]+)"\)|name="intent" value="([a-z_-]+)"/g)) names.add((m[1] ?? m[2])!);
  }
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

interface Probe {
  role: string;
  method: "GET" | "POST";
  path: string;
  kind: string;
  target: Target;
  body?: Body;
}

/** A raw request: fetch would normalise "..", re-encode the path and refuse some bytes; the point is to send them. */
function send(baseUrl: string, probe: Probe, cookie: string | null) {
  const { port } = new URL(baseUrl);
  const headers: Record<string, string> = { Origin: baseUrl, "Accept-Language": "fr-FR,fr;q=0.9" };
  if (cookie) headers.Cookie = cookie;
  if (probe.body?.type) headers["Content-Type"] = probe.body.type;
  if (probe.body) headers["Content-Length"] = String(probe.body.body.length);
  return new Promise<{ status: number; text: string }>((resolve) => {
    const req = request({ host: "127.0.0.1", port, method: probe.method, path: probe.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.length < 4 && chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString("utf8").slice(0, 400) }));
      res.on("error", () => resolve({ status: 0, text: "response error" }));
    });
    req.setTimeout(20_000, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, text: e.message }));
    req.end(probe.body?.body);
  });
}

/** Live classes answer 503 when LiveKit is not configured, on purpose. */
const LIVEKIT_ROUTE = /^routes\/(classes\.|api\.livekit)/;

let server: StartedServer;
let db: Awaited<ReturnType<typeof freshDatabase>>;
const cookies: Record<string, string | null> = { visitor: null };

beforeAll(async () => {
  db = await freshDatabase("fuzz");
  const dataDir = (await import("node:fs")).mkdtempSync(path.join((await import("node:os")).tmpdir(), "passerelle-fuzz-"));
  process.env.DATA_DIR = dataDir;
  resetEnvForTests();
  const seeded = await openDatabase({ url: db.url, poolSize: 1 });
  await seedDemo(seeded.db);
  await seeded.close();
  // Two workers: the run is bounded by rendering error pages, and CI has two cores.
  server = await startServer({ DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: "error", WEB_CONCURRENCY: "2" });
  for (const role of ["learner", "mediator", "teacher", "coordinator"] as const) cookies[role] = await signInCookie(server.baseUrl, DEMO[role], DEMO.password);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await db?.sql.end();
});

describe("every route, hostile input, every role (issue 22, acceptance 3)", () => {
  it("answers no request with a 5xx", async () => {
    const { pick } = generator(SEED);
    const targets = flatten(routes);
    const names = queryNames();
    const probes: Probe[] = [];
    for (const target of targets) {
      const hasParams = /[:*]/.test(target.pattern);
      // A visitor meets every hostile segment once (most stop at 400/404 early).
      const segments = [SEGMENTS[0], SEGMENTS[2], ...Array.from({ length: VISITOR_SEGMENTS - 2 }, () => pick(SEGMENTS))];
      const visitorPaths = hasParams
        ? segments.map((segment, i) => fill(target.pattern, <T,>(list: readonly T[]) => (list === (SPLATS as readonly unknown[]) ? SPLATS[i % SPLATS.length] : segment) as T))
        : [target.pattern];
      for (const p of new Set(visitorPaths)) probes.push({ role: "visitor", method: "GET", path: p, kind: "path", target });
      const query = `?${names.map((n) => `${n}=${pick(QUERY_VALUES)}`).join("&")}`;
      probes.push({ role: "visitor", method: "GET", path: fill(target.pattern, pick) + query, kind: "query", target });
      probes.push({ role: "visitor", method: "POST", path: fill(target.pattern, pick), kind: "body", target, body: pick(BODIES)(pick) });
      for (const role of ["learner", "mediator", "teacher", "coordinator"]) {
        for (let i = 0; i < GETS_PER_ROLE; i++) {
          const withQuery = (i + probes.length) % 2 === 1 ? `?${names.map((n) => `${n}=${pick(QUERY_VALUES)}`).join("&")}` : "";
          probes.push({ role, method: "GET", path: fill(target.pattern, pick) + withQuery, kind: withQuery ? "query" : "path", target });
        }
        // Signing out would end the session the rest of the run relies on.
        if (target.file === "routes/sign-out.ts") continue;
        for (let i = 0; i < POSTS_PER_ROLE; i++) {
          const body = pick(BODIES)(pick);
          probes.push({ role, method: "POST", path: fill(target.pattern, pick), kind: body.kind, target, body });
        }
      }
    }

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const began = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < probes.length) {
          const probe = probes[next++]!;
          const res = await send(server.baseUrl, probe, cookies[probe.role] ?? null);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const allowed = res.status === 503 && LIVEKIT_ROUTE.test(probe.target.file);
          if ((res.status >= 500 || res.status === 0) && !allowed) {
            failures.push(`${res.status} ${probe.role} ${probe.method} ${probe.target.pattern} [${probe.kind}] ${probe.path.slice(0, 120)} — ${res.text.replace(/\s+/g, " ").slice(0, 160)}`);
          }
        }
      }),
    );
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
    console.log(`fuzz: ${probes.length} requests over ${targets.length} routes in ${seconds} s (seed ${SEED}); statuses ${counts}; ${failures.length} failures`);
    if (failures.length) console.log(failures.slice(0, 80).join("\n"));
    expect(failures).toEqual([]);

    // The signed-in roles stayed signed in: their requests were theirs, not a visitor's.
    for (const role of ["learner", "mediator", "teacher", "coordinator"]) {
      const res = await send(server.baseUrl, { role, method: "GET", path: "/compte", kind: "check", target: targets[0]! }, cookies[role]!);
      expect(res.status, role).toBe(200);
    }
  }, 240_000);
});
