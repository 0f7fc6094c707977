import type { Route } from "./+types/lti.jwks";
import { toolJwks } from "../features/lti/keys.server";
import { dbContext } from "../lib/context";

/** The tool's public keys, for platforms checking our Deep Linking responses and AGS client assertions. */
export async function loader({ context }: Route.LoaderArgs) {
  return Response.json(await toolJwks(context.get(dbContext)), { headers: { "Cache-Control": "public, max-age=300" } });
}
