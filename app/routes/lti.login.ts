import { redirect } from "react-router";
import type { Route } from "./+types/lti.login";
import { startLogin } from "../features/lti/launch.server";
import { stateCookie } from "../features/lti/launched.server";
import { ltiRedirect, problem } from "../features/lti/responses.server";
import { LoginSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";

/**
 * OIDC third-party-initiated login from the LMS (LTI Core 1.3 §5.1.1), by
 * POST or GET as the spec allows: a redirect to the platform's authorization
 * endpoint with a fresh state and nonce, and the state's cookie. On GET the
 * loader records the ten-minute login state — the protocol's one write on a
 * GET (decision 048).
 */
async function login(db: Parameters<typeof startLogin>[0], value: Record<string, string | undefined>) {
  const { redirectTo, state } = await startLogin(db, value);
  return redirect(redirectTo, { headers: { "Set-Cookie": await stateCookie(state).serialize(state) } });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const parsed = LoginSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return problem("lti:errors.login_incomplete");
  return ltiRedirect(() => login(context.get(dbContext), parsed.data));
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return ltiRedirect(() => handleForm(request, LoginSchema, (value) => login(db, value)));
}
