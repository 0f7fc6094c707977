import type { Route } from "./+types/sign-out";
import { redirectSignedOut } from "../features/accounts/responses.server";
import { dbContext, sessionContext } from "../lib/context";
import { invalidateSession } from "../lib/session.server";

export async function action({ context }: Route.ActionArgs) {
  const session = context.get(sessionContext);
  if (session) await invalidateSession(context.get(dbContext), session.sessionId);
  return redirectSignedOut("/");
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
