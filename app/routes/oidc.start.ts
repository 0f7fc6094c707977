import { href, redirect } from "react-router";
import type { Route } from "./+types/oidc.start";
import { oidcBrowserCookie, readCookieToken } from "../features/oidc/cookies.server";
import { startSignIn } from "../features/oidc/flow.server";
import { StartSignInSchema } from "../features/oidc/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { currentUser, requireUser } from "../lib/session.server";

/** A provider's button (sign-in page, or « Lier » on the account page): off to the provider. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const browserToken = await readCookieToken(oidcBrowserCookie, request);
  return handleForm(request, StartSignInSchema, async (value) => {
    const linking = value.intent === "link";
    const linkUserId = linking ? requireUser(context, request).id : null;
    if (!linking && currentUser(context)) throw redirect(href("/"));
    const { url, browserToken: token } = await startSignIn(db, params.provider, { returnTo: value.redirectTo ?? "/", linkUserId, browserToken });
    return redirect(url, { headers: { "Set-Cookie": await oidcBrowserCookie.serialize(token) } });
  });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
