import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, pidOf, signInCookie, startServer, type StartedServer } from "./server-support";

/**
 * The built server, one worker, with APP_URL unset (the default): public
 * links, body limits, redirects, caching of private pages, request ids and
 * configuration, checked over HTTP as a client (or an attacker) sees them.
 */
let server: StartedServer;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let port: number;

beforeAll(async () => {
  db = await freshDatabase("hardening");
  server = await startServer({ DATABASE_URL: db.url, APP_URL: "" });
  port = Number(new URL(server.baseUrl).port);
});
afterAll(async () => {
  await server?.stop();
  await db?.sql.end();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A raw request, to send a Host header fetch would not let us choose. */
function rawRequest(options: { method: string; path: string; headers: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    let answered = false;
    req.on("response", () => (answered = true));
    // A write cut short after the answer came (EPIPE, ECONNRESET) is not a failure.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    req.end(options.body);
  });
}

const workerPid = () => server.logs().find((l) => l.msg === "Passerelle is listening")!.pid as number;
const peakRssKb = async (pid: number) => {
  const { readFileSync } = await import("node:fs");
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
};

describe("the public address never comes from the request", () => {
  it("mails a reset link on the listen address when asked with Host: evil.example", async () => {
    const res = await rawRequest({
      method: "POST",
      path: "/mot-de-passe-oublie",
      headers: { Host: "evil.example", Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: db.email }),
    });
    expect(res.status).toBeLessThan(400);
    const [mail] = await db.sql<{ text_body: string }[]>`select text_body from outbox_message where to_address = ${db.email}`;
    const link = /https?:\/\/\S+jeton=\S+/.exec(mail!.text_body)![0];
    expect(new URL(link).origin).toBe(`http://127.0.0.1:${port}`);
    expect(mail!.text_body).not.toContain("evil.example");
  });

  it("refuses X-Forwarded-Host as a proof of origin without TRUST_PROXY", async () => {
    const res = await rawRequest({
      method: "POST",
      path: "/connexion",
      headers: { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: db.email, password: "une phrase de passe solide" }),
    });
    // React Router's own check (400) or ours (403): refused either way, no session.
    expect([400, 403]).toContain(res.status);
    expect(String(res.headers["set-cookie"] ?? "")).not.toContain("passerelle_session=");
  });
});

describe("request bodies are limited before they are read", () => {
  it("refuses a declared 300 MB body at once, in the visitor's language", async () => {
    const began = Date.now();
    const fr = await rawRequest({
      method: "POST",
      path: "/connexion",
      headers: { "Content-Length": String(300 * 1024 * 1024), Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    }).catch((e: Error) => ({ status: 0, body: e.message, headers: {} }));
    expect(fr.status).toBe(413);
    expect(Date.now() - began).toBeLessThan(1000);
    expect(fr.body).toContain("trop volumineux : 1 Mo au plus");
    // Declared, not sent: the server answers before reading a body and closes
    // the connection, and a client still writing one may lose the answer to a
    // reset (the streamed case is the chunked test below).
    const en = await rawRequest({
      method: "POST",
      path: "/connexion",
      headers: { "Content-Length": String(2 * 1024 * 1024), Origin: server.baseUrl, "Accept-Language": "en-GB,en;q=0.9", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(en.status).toBe(413);
    expect(en.body).toContain("too large: 1 MB at most");
  });

  it("stops a 200 MB chunked body after about the limit, with the worker's peak memory flat", async () => {
    const pid = workerPid();
    const before = await peakRssKb(pid);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const total = 200 * 1024 * 1024;
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/connexion",
          headers: { "Transfer-Encoding": "chunked", Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on("error", (e) => (sent < total ? undefined : reject(e)));
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(total / 4);
    const after = await peakRssKb(pid);
    console.log(`chunked 200 MB: refused after ${(sent / 1024 / 1024).toFixed(1)} MB sent; worker peak RSS ${before} kB → ${after} kB`);
    expect(after - before).toBeLessThan(30 * 1024);
  });
});

describe("redirects", () => {
  it("never leaves the site after sign-in, and never fails on odd characters", async () => {
    for (const retour of ["/\t/evil.example/x", "//evil.example", "/\\evil.example", "https://evil.example"]) {
      const res = await fetch(`${server.baseUrl}/connexion`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
        body: form({ email: db.email, password: "une phrase de passe solide", redirectTo: retour }),
      });
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("Location")!, server.baseUrl).host).toBe(new URL(server.baseUrl).host);
    }
    const cookie = await signInCookie(server.baseUrl, db.email);
    // The audit's case: already signed in, /connexion?retour=/%09/host/x sends you on.
    const signedIn = await fetch(`${server.baseUrl}/connexion?retour=/%09/host/x`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/");
    const euro = await fetch(`${server.baseUrl}/connexion?retour=${encodeURIComponent("/cours/€\u0001x")}`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(euro.status).toBe(302);
    expect(euro.headers.get("Location")).toBe("/cours/%E2%82%AC%01x");
    const param = await fetch(`${server.baseUrl}/accompagnement/personnes/%E2%82%AC%0A/carte`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(param.status).toBeLessThan(500);
  });
});

describe("private pages and request ids", () => {
  it("marks every signed-in page private, no-store; leaves visitors' pages alone", async () => {
    const cookie = await signInCookie(server.baseUrl, db.email);
    for (const page of ["/compte", "/", "/cours"]) {
      const res = await fetch(`${server.baseUrl}${page}`, { headers: { Cookie: cookie } });
      expect(res.status, page).toBe(200);
      expect(res.headers.get("Cache-Control"), page).toBe("private, no-store");
    }
    const visitor = await fetch(`${server.baseUrl}/cours`);
    expect(visitor.headers.get("Cache-Control") ?? "").not.toContain("no-store");
  });

  it("writes the same request id in the access log and in the response", async () => {
    const res = await fetch(`${server.baseUrl}/healthz`, { headers: { "X-Passerelle-Request-Id": "chosen-by-client" } });
    const id = res.headers.get("X-Request-Id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => pidOf(server, id)).toBe(workerPid());
  });
});

describe("configuration", () => {
  it("reads .env from the working folder and refuses a wrong setting with a message naming it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "passerelle-env-"));
    try {
      writeFileSync(path.join(dir, ".env"), "PORT=quatre-mille\nDATABASE_URL=mysql://nope\n");
      const child = spawn(process.execPath, [path.resolve("scripts/start.js")], {
        cwd: dir,
        env: { PATH: process.env.PATH, BUILD_DIR: path.resolve(process.env.BUILD_DIR ?? "build"), NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(1);
      expect(stderr).toContain("PORT");
      expect(stderr).toContain('"quatre-mille"');
      expect(stderr).toMatch(/DATABASE_URL \(value hidden\): must be a postgres:\/\//);
      expect(stderr).not.toContain("at ");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
