// Builds the two framework floors of `npm run bench`: the smallest React
// Router app (one route), and the same app with as many routes as Passerelle
// (counted by `react-router routes --json`).
import { execFileSync } from "node:child_process";
import path from "node:path";

const bin = path.resolve("node_modules/.bin/react-router");
const count = (routes) => routes.reduce((n, r) => n + 1 + count(r.children ?? []), 0);
// The root route is the floor's own root; the rest are added.
const appRoutes = count(JSON.parse(execFileSync(bin, ["routes", "--json"], { encoding: "utf8" }))) - 1;
const build = (dir, routes) =>
  execFileSync(bin, ["build", "scripts/bench/floor"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, FLOOR_BUILD_DIR: path.resolve(dir), FLOOR_ROUTES: String(routes) },
  });
build("build-bench-floor", 0);
build("build-bench-floor-routes", appRoutes - 1);
console.log(`framework floors built: 1 route, and ${appRoutes} routes like the app`);
