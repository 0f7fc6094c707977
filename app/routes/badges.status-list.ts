import type { Route } from "./+types/badges.status-list";
import { issuerDocumentNotFound } from "../features/badges/service.server";
import { statusListCredentialJwt } from "../features/badges/status-list.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";

/** A revocation list (W3C Bitstring Status List) as a signed VC-JWT: what a badge's `credentialStatus` points to. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const list = /^[1-9]\d{0,5}$/.test(params.list) ? Number(params.list) : null;
  const published = list ? await statusListCredentialJwt(context.get(dbContext), publicBaseUrl(request), list) : null;
  if (!published) throw issuerDocumentNotFound();
  return new Response(published.jwt, {
    headers: { "Content-Type": "application/vc+jwt", "Cache-Control": `public, max-age=${published.maxAge}`, "Access-Control-Allow-Origin": "*" },
  });
}
