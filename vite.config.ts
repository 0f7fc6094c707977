import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  // The server build starts from app/server.ts so that the HTTP server, the
  // database, the migrations and the outbox worker live in the same bundle as
  // the routes (one module graph, one database handle).
  build: isSsrBuild ? { rollupOptions: { input: "./app/server.ts" } } : undefined,
  plugins: [reactRouter()],
  resolve: { tsconfigPaths: true },
}));
