// Starts the built app (`npm run build` first). Kept in plain JavaScript so
// that production needs only `node`.
const { startServer } = await import("../build/server/index.js");
await startServer();
