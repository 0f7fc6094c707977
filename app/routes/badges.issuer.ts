import type { Route } from "./+types/badges.issuer";
import { issuerProfileDocument } from "../features/badges/keys.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";

/** The issuer's Open Badges Profile, with its public keys: a stable address verifiers can rely on. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const profile = await issuerProfileDocument(context.get(dbContext), publicBaseUrl(request));
  return Response.json(profile, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
