import type { Route } from "./+types/sign-out";
import { redirectSignedOut } from "../features/accounts/responses.server";
import { providerSignOutUrl } from "../features/oidc/service.server";
import { dbContext, sessionContext } from "../lib/context";
import { invalidateSession } from "../lib/session.server";

export async function action({ context }: Route.ActionArgs) {
  const session = context.get(sessionContext);
  const db = context.get(dbContext);
  // Signed in through an OpenID provider that offers it: signed out there too (read before the session goes).
  const atProvider = session ? await providerSignOutUrl(db, session.sessionId) : null;
  if (session) await invalidateSession(db, session.sessionId);
  return redirectSignedOut(atProvider ?? "/");
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
