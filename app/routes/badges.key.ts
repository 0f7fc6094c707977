import type { Route } from "./+types/badges.key";
import { issuerPublicKey } from "../features/badges/keys.server";
import { issuerDocumentNotFound } from "../features/badges/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";

/** What a badge's `kid` dereferences to: the public key as a JWK (Open Badges 3.0 §8.2). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const jwk = await issuerPublicKey(context.get(dbContext), publicBaseUrl(request), params.thumbprint);
  if (!jwk) throw issuerDocumentNotFound();
  return Response.json(jwk, {
    headers: { "Content-Type": "application/jwk+json", "Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*" },
  });
}
