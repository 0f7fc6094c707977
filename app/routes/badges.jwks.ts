import type { Route } from "./+types/badges.jwks";
import { issuerJwks } from "../features/badges/keys.server";
import { dbContext } from "../lib/context";

/** The issuer's public keys as a JSON Web Key Set (retired keys included, so old badges still verify). */
export async function loader({ context }: Route.LoaderArgs) {
  return Response.json(await issuerJwks(context.get(dbContext)), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
