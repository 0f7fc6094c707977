import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/lti.login";
import { LaunchProblem } from "../features/lti/components/launch-problem";
import { startLogin } from "../features/lti/launch.server";
import { stateCookie } from "../features/lti/launched.server";
import { embeddersFor } from "../features/lti/platforms.server";
import { LoginSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { embeddersContext } from "../lib/csp.server";
import { appErrorStatus, isAppError } from "../lib/errors";

export const handle = { embedded: true };

/**
 * OIDC third-party-initiated login, from the LMS (LTI Core 1.3 §5.1.1). The
 * spec lets the platform use GET as well as POST: on GET the loader records
 * the login state (a ten-minute row), the one loader that writes — decision
 * 048 says why. The answer is a redirect to the platform's authorization
 * endpoint and the state's cookie (SameSite=None inside an iframe).
 */
async function login(db: Parameters<typeof startLogin>[0], value: Record<string, string | undefined>) {
  const { redirectTo, state } = await startLogin(db, value);
  return redirect(redirectTo, { headers: { "Set-Cookie": await stateCookie(state).serialize(state) } });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  context.set(embeddersContext, await embeddersFor(db));
  const parsed = LoginSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return data({ problem: "lti:errors.login_incomplete" }, { status: 400 });
  try {
    return await login(db, parsed.data);
  } catch (error) {
    if (isAppError(error) && appErrorStatus(error) < 500) return data({ problem: error.data.messageKey }, { status: appErrorStatus(error) });
    throw error;
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  context.set(embeddersContext, await embeddersFor(db));
  return handleForm(request, LoginSchema, (value) => login(db, value));
}

export default function LtiLogin() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messageKey = reply && "error" in reply && reply.error ? Object.values(reply.error).flat()[0] : loaded && "problem" in loaded ? loaded.problem : null;
  return <LaunchProblem messageKey={messageKey ?? "lti:errors.login_incomplete"} />;
}
