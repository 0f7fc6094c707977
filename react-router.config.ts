import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  future: { v8_middleware: true },
  // BUILD_DIR lets two builds coexist (e.g. parallel test runs); `build` by default.
  buildDirectory: process.env.BUILD_DIR ?? "build",
} satisfies Config;
