import type { Route } from "./+types/lti.jwks";
import { toolJwks } from "../features/lti/keys.server";
import { dbContext } from "../lib/context";

/**
 * The tool's public keys, for platforms checking our Deep Linking responses
 * and AGS client assertions. Empty, and not to be kept, until the first
 * platform is registered.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const jwks = await toolJwks(context.get(dbContext));
  return Response.json(jwks, { headers: { "Cache-Control": jwks.keys.length ? "public, max-age=300" : "no-cache" } });
}
