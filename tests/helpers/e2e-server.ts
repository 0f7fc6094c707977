import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { seedDemo } from "../../db/seed";
import { ADMIN_URL, createTemplate, databaseUrl } from "./postgres-template";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function waitForHealthy(baseUrl: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`);
}

/** Starts the built app (`npm run build` first) as its own process group. */
export async function startApp(env: Record<string, string>, nodeArgs: string[] = []) {
  const buildDir = process.env.BUILD_DIR ?? "build";
  if (!existsSync(`${buildDir}/server/index.js`)) throw new Error(`Run \`npm run build\` before the browser tests (${buildDir}).`);
  // A test may choose the port (a peer that must know our address before we start, e.g. an OpenID provider).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "scripts/start.js"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseUrl,
      LOG_LEVEL: "warn",
      // One worker unless a test asks for more (the cluster's own tests do).
      WEB_CONCURRENCY: "1",
      ...env,
    },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  try {
    await waitForHealthy(baseUrl, child);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  return { baseUrl, child, stop, output: () => output };
}

/** Global setup of the browser tests: one app on a fresh real-Postgres database, with the demo data. */
export default async function setup(project: TestProject) {
  const { runId, template, dropAll } = await createTemplate();
  project.provide("templateDatabase", template);
  project.provide("runId", runId);
  const name = `passerelle_e2e_${runId}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = databaseUrl(name);
  // The seed stores files (H5P packages, course images) in the folder the app will read.
  const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-e2e-"));
  process.env.DATA_DIR = dataDir;
  resetEnvForTests();
  const seeded = await openDatabase({ url, poolSize: 1 });
  await seedDemo(seeded.db);
  await seeded.close();

  const app = await startApp({ DATABASE_URL: url, DATA_DIR: dataDir });
  project.provide("baseUrl", app.baseUrl);
  project.provide("mailDir", path.join(dataDir, "mail"));
  project.provide("appDatabaseUrl", url);
  return async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropAll();
  };
}
