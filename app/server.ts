import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { demoAccountsBanner, seedDemo } from "../db/seed";
import { STATIC_SECURITY_HEADERS } from "./lib/csp.server";
import { appDatabase, closeAppDatabase } from "./lib/db.server";
import { env } from "./lib/env.server";
import { logger } from "./lib/logger.server";
import { startJobScheduler } from "./lib/jobs.server";
import { startOutboxWorker } from "./lib/mail.server";
import "./modules.server";

/**
 * The production server: this file is the entry of the server bundle, so the
 * HTTP server, the database handle and the routes share one module graph.
 * `scripts/start.js` imports it and calls startServer().
 */
export async function startServer() {
  const { PORT, HOST, OUTBOX_WORKER, TRUST_PROXY } = env();
  const started = Date.now();
  const database = await appDatabase();
  const { count } = await database.db
    .selectFrom("app_user")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  const firstEmbeddedStart = database.kind === "embedded" && Number(count) === 0;
  if (firstEmbeddedStart) await seedDemo(database.db);

  const app = express();
  app.disable("x-powered-by");
  if (TRUST_PROXY) app.set("trust proxy", TRUST_PROXY);
  app.use(compression());
  app.use((req, res, next) => {
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(name, value);
    // Overwritten on every request: a client cannot choose its own address.
    req.headers["x-passerelle-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "";
    next();
  });
  const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../client");
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(clientDir, { maxAge: "1h" }));
  app.use((req, res, next) => {
    const begin = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - begin) / 1e6 },
        "request",
      );
    });
    next();
  });
  // The build object itself, not a function returning it: React Router
  // re-derives its route tables on every request when given a function (a
  // development-time feature), which cost about a sixth of each page's CPU.
  const build = await import("virtual:react-router/server-build");
  app.use(createRequestHandler({ build }));

  const background = OUTBOX_WORKER === "true";
  const stopWorker = background ? startOutboxWorker(database.db) : async () => {};
  const stopJobs = background ? startJobScheduler(database.db, { embedded: database.kind === "embedded" }) : async () => {};
  const server = app.listen(PORT, HOST);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const url = `http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`;
  logger.info({ url, database: database.kind, ms: Date.now() - started }, "Passerelle is listening");
  if (firstEmbeddedStart) console.log(demoAccountsBanner(url));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const forced = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await stopWorker();
    await stopJobs();
    await closeAppDatabase();
    clearTimeout(forced);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return server;
}
