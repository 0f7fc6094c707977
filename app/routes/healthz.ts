import type { Route } from "./+types/healthz";
import { databaseIsUp } from "../features/platform/service.server";
import { dbContext } from "../lib/context";

/** For load balancers and the smoke test: 200 only when the database answers. */
export async function loader({ context }: Route.LoaderArgs) {
  const up = await databaseIsUp(context.get(dbContext));
  return Response.json(
    { status: up ? "ok" : "database unavailable" },
    { status: up ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
