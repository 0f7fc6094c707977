import type { Route } from "./+types/badges.jwks";
import { issuerJwks } from "../features/badges/keys.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";

/** The issuer's public keys as a JSON Web Key Set (retired keys included, so old badges still verify). */
export async function loader({ request, context }: Route.LoaderArgs) {
  return Response.json(await issuerJwks(context.get(dbContext), publicBaseUrl(request)), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
