// Starts the built app (`npm run build` first). Kept in plain JavaScript so
// that production needs only `node`.
import path from "node:path";
import { pathToFileURL } from "node:url";

const buildDir = process.env.BUILD_DIR ?? "build";
const { startServer } = await import(pathToFileURL(path.resolve(buildDir, "server/index.js")).href);
await startServer();
