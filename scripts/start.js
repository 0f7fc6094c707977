// Starts the built app (`npm run build` first): the primary process forks the
// HTTP workers (app/lib/cluster.server.ts), each of which serves the app.
// Kept in plain JavaScript so that production needs only `node`.
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";

const buildDir = process.env.BUILD_DIR ?? "build";
try {
  const server = await import(pathToFileURL(path.resolve(buildDir, "server/index.js")).href);
  if (cluster.isPrimary) await server.runPrimary();
  else await server.startServer();
} catch (error) {
  // A wrong setting: the message names the variable; no stack trace needed.
  if (error?.name === "ConfigError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
