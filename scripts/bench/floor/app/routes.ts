import { index, route, type RouteConfig } from "@react-router/dev/routes";

// FLOOR_ROUTES=n adds n routes that are never visited, so that the floor can
// also be measured with as many routes as the app: React Router does work
// per route on every request (scripts/bench/build-floors.mjs, decision 032).
const extra = Number(process.env.FLOOR_ROUTES ?? 0);

export default [
  index("routes/home.tsx"),
  ...Array.from({ length: extra }, (_, i) => route(`page-${i}/:id`, "routes/home.tsx", { id: `page-${i}` })),
] satisfies RouteConfig;
