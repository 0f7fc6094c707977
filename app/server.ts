import { randomUUID } from "node:crypto";
import cluster from "node:cluster";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";
import { demoAccountsBanner, seedDemo } from "../db/seed";
import { BODY_LIMITS, DEFAULT_BODY_LIMIT } from "./body-limits.server";
import { FRAMEABLE_PATH, STATIC_SECURITY_HEADERS } from "./lib/csp.server";
import { appDatabase, closeAppDatabase } from "./lib/db.server";
import { listenToDataVersion, listenToEmbeddedDataVersion } from "./lib/data-version.server";
import { answerBeforeRendering, setBuildId } from "./lib/http-cache.server";
import { setVisitorPageMemoryLimits } from "./lib/visitor-page-memory.server";
import { env } from "./lib/env.server";
import { logger } from "./lib/logger.server";
import { startJobScheduler } from "./lib/jobs.server";
import { startOutboxWorker } from "./lib/mail.server";
import { publicUrl } from "./lib/public-url.server";
import { createRequestHandler } from "./lib/request-handler.server";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER } from "./lib/server-headers";
import { isBackgroundWorker } from "./lib/cluster.server";
import "./modules.server";

export { runPrimary } from "./lib/cluster.server";

/**
 * One worker's HTTP server: this file is the entry of the server bundle, so
 * the HTTP server, the database handle and the routes share one module graph.
 * `scripts/start.js` runs the primary (app/lib/cluster.server.ts), which forks
 * the workers that call startServer().
 */
export async function startServer() {
  const { PORT, HOST, OUTBOX_WORKER, TRUST_PROXY, DATABASE_URL, VISITOR_PAGE_MEMORY, RENDER_CONCURRENCY } = env();
  const started = Date.now();
  process.on("uncaughtException", (err) => {
    // The primary starts a new worker; say why this one ends.
    logger.fatal({ err }, "uncaught exception, worker exits");
    process.exit(1);
  });
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
  app.use((req, res, next) => {
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
      if (name === "X-Frame-Options" && FRAMEABLE_PATH.test(req.path)) continue;
      res.setHeader(name, value);
    }
    // Both overwritten on every request: a client can choose neither its
    // address nor the id under which its request is logged.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? "";
    const requestId = randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const begin = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        {
          requestId,
          pid: process.pid,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - begin) / 1e6,
          // A 304 or a kept page answered from the data version, without rendering (decisions 049, 050).
          ...(res.locals.answeredBeforeRendering ? { rendered: false, answer: res.locals.answeredBeforeRendering } : {}),
          // Time spent waiting for a place among the pages being computed (decision 051).
          ...(res.locals.queuedMs ? { queuedMs: res.locals.queuedMs } : {}),
        },
        "request",
      );
    });
    next();
  });
  // The build object itself, not a function returning it: React Router
  // re-derives its route tables on every request when given a function (a
  // development-time feature), which cost about a sixth of each page's CPU.
  const build = await import("virtual:react-router/server-build");
  // Visitors' pages answered without rendering, with a 304 (decision 049) or
  // the page this worker kept under the same tag (decision 050): before
  // compression, which a 304 does not need and a kept page did once.
  setBuildId(build.assets.version);
  const stopListening = database.embedded ? await listenToEmbeddedDataVersion(database.embedded) : listenToDataVersion(DATABASE_URL!);
  setVisitorPageMemoryLimits({ entries: VISITOR_PAGE_MEMORY });
  app.use(answerBeforeRendering);
  app.use(compression());
  const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../client");
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  // Only what the build put there (favicons, the source archive…): asking
  // the disk about every page's path cost a stat per request.
  const clientFiles = new Set((existsSync(clientDir) ? readdirSync(clientDir) : []).filter((name) => name !== "assets"));
  const clientStatic = express.static(clientDir, { maxAge: "1h" });
  app.use((req, res, next) => (clientFiles.has(req.path.split("/")[1] ?? "") ? clientStatic(req, res, next) : next()));
  app.use(createRequestHandler({ build, bodyLimits: BODY_LIMITS, defaultBodyLimit: DEFAULT_BODY_LIMIT, renderConcurrency: RENDER_CONCURRENCY }));

  // Mail and periodic jobs run in one designated worker (decision 020).
  const background = OUTBOX_WORKER === "true" && isBackgroundWorker();
  const stopWorker = background ? startOutboxWorker(database.db) : async () => {};
  const stopJobs = background ? startJobScheduler(database.db, { embedded: database.kind === "embedded" }) : async () => {};
  const server = app.listen(PORT, HOST);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  logger.info(
    { url: publicUrl(), database: database.kind, pid: process.pid, background, ms: Date.now() - started },
    "Passerelle is listening",
  );
  if (firstEmbeddedStart) console.log(demoAccountsBanner(publicUrl()));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, pid: process.pid }, "shutting down");
    const forced = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await stopWorker();
    await stopJobs();
    await stopListening();
    await closeAppDatabase();
    clearTimeout(forced);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  // A worker whose primary died must not linger on the port.
  if (cluster.isWorker) cluster.worker?.on("disconnect", () => void shutdown("disconnect"));
  return server;
}
