import type { Config } from "@react-router/dev/config";

// The framework floor of `npm run bench`: the smallest React Router 7 app,
// one route with one loader and no database, built like Passerelle.
export default {
  ssr: true,
  buildDirectory: process.env.FLOOR_BUILD_DIR ?? "../../../build-bench-floor",
} satisfies Config;
