import { href, redirect } from "react-router";
import type { Route } from "./+types/lti.launch";
import { completeLaunch, loginParamsOf, loginRef } from "../features/lti/launch.server";
import { launchCookie, stateCookie } from "../features/lti/launched.server";
import { ltiRedirect, problem } from "../features/lti/responses.server";
import { LaunchSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";

/** The launch URL only takes the platform's form_post. */
export function loader() {
  return problem("lti:errors.launch_incomplete");
}

/**
 * The platform posts the signed `id_token` and our `state` here (LTI Core
 * 1.3 §5.1.2). Without the state's cookie — a browser blocking cookies in
 * the frame — the launch is not accepted: the next page offers to start the
 * same login in a new window, where the cookie works. A refused launch
 * stores nothing and lands on the refusal page (its 4xx and reason).
 */
export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return ltiRedirect(() =>
    handleForm(
      request,
      LaunchSchema,
      async (value) => {
        const cookie = stateCookie(value.state);
        const cookieState = await cookie.parse(request.headers.get("Cookie"));
        if (typeof cookieState !== "string" && (await loginParamsOf(db, loginRef(value.state)))) {
          return redirect(href("/lti/nouvelle-fenetre/:ref", { ref: loginRef(value.state) }), 303);
        }
        const { launchId, token, messageType } = await completeLaunch(db, { idToken: value.id_token, state: value.state, cookieState });
        const to = messageType === "LtiDeepLinkingRequest" ? href("/lti/l/:launchId/liens", { launchId }) : href("/lti/l/:launchId", { launchId });
        const headers = new Headers();
        headers.append("Set-Cookie", await launchCookie(launchId).serialize(token));
        headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0 }));
        return redirect(to, { status: 303, headers });
      },
      { hideFields: ["id_token", "state"] },
    ),
  );
}
