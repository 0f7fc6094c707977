import type { Route } from "./+types/badges.jwks";
import { issuerJwks } from "../features/badges/keys.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";

/**
 * The issuer's public keys as a JSON Web Key Set (retired keys included, so
 * old badges still verify). Before the first badge the set is empty and not
 * to be kept: the key appears with that badge.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const jwks = await issuerJwks(context.get(dbContext), publicBaseUrl(request));
  return Response.json(jwks, {
    headers: {
      "Content-Type": "application/jwk-set+json",
      "Cache-Control": jwks.keys.length ? "public, max-age=300" : "no-cache",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
