import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { hashPassword } from "../../app/lib/password.server";
import { startApp } from "../helpers/e2e-server";
import { ADMIN_URL, databaseUrl } from "../helpers/postgres-template";

/**
 * For the tests that start the built server as a process of their own (the
 * cluster, the outage, the limits): a fresh database cloned from the
 * migrated template, one user with a password, and the server's JSON log.
 */
export const PASSWORD = "une phrase de passe solide";

export async function freshDatabase(label: string) {
  const name = `passerelle_${label}_${Math.random().toString(36).slice(2, 8)}_${inject("runId")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("templateDatabase")}"`);
  await admin.end();
  const url = databaseUrl(name);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const passwordHash = await hashPassword(PASSWORD);
  const email = `${label}-${Date.now()}@exemple.fr`;
  await sql`insert into app_user (email, password_hash, first_name, role) values (${email}, ${passwordHash}, 'Josiane', 'learner')`;
  return { name, url, sql, email };
}

export interface StartedServer {
  baseUrl: string;
  stop(): Promise<void>;
  /** The JSON lines the server wrote so far (LOG_LEVEL=info). */
  logs(): Record<string, unknown>[];
  output(): string;
  pid: number;
  dataDir: string;
}

export async function startServer(env: Record<string, string>): Promise<StartedServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-server-test-"));
  const app = await startApp({ LOG_LEVEL: "info", DATA_DIR: dataDir, ...env });
  return {
    baseUrl: app.baseUrl,
    pid: app.child.pid!,
    dataDir,
    output: app.output,
    logs: () =>
      app
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form, as a browser would (same-site Origin), and returns the session cookie. */
export async function signInCookie(baseUrl: string, email: string, password = PASSWORD) {
  const res = await fetch(`${baseUrl}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/compte" }),
  });
  // "__Host-passerelle_session" when cookies are Secure (production without an http:// APP_URL).
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-)?passerelle_session=./.test(c));
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

/** The pid of the worker that answered, read from the access log by request id. */
export function pidOf(server: StartedServer, requestId: string | null): number | undefined {
  const line = server.logs().find((l) => l.msg === "request" && l.requestId === requestId);
  return line?.pid as number | undefined;
}

/**
 * A TCP relay between the app and PostgreSQL, so that a test can take "the
 * database" away from this one app (refused connections, cut sockets) and
 * bring it back, without touching the server other tests share.
 */
export async function databaseRelay(target = { host: "127.0.0.1", port: Number(new URL(ADMIN_URL).port || 5432) }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  let down = false;
  const open = () =>
    new Promise<void>((resolve) => {
      down = false;
      server = createServer((client) => {
        // A connection accepted just before the cut may be handed over after it: it must not live on.
        if (down) return void client.destroy();
        const upstream = connect(target.port, target.host);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  return {
    get port() {
      return port;
    },
    /** The database "goes down": new connections refused, open ones cut. */
    async cut() {
      down = true;
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
    },
    restore: open,
    close() {
      for (const s of sockets) s.destroy();
      server?.close();
    },
  };
}

/** Waits until `count` workers have said they listen (healthy means only that one answers). */
export async function waitForWorkers(server: StartedServer, count: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  const listening = () => server.logs().filter((l) => l.msg === "Passerelle is listening").length;
  while (listening() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (listening() < count) throw new Error(`only ${listening()} of ${count} workers started`);
}

/**
 * One request on a connection of its own: the cluster hands out connections,
 * not requests, so a keep-alive client would always meet the same worker.
 */
export function freshRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; header(name: string): string | undefined; text: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () =>
        resolve({ status: res.statusCode!, header: (name) => [res.headers[name.toLowerCase()]].flat()[0], text }),
      );
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
