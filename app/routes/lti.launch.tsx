import { href, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/lti.launch";
import { LaunchProblem, OpenInNewWindow } from "../features/lti/components/launch-problem";
import { completeLaunch, loginParamsOf } from "../features/lti/launch.server";
import { launchCookie, stateCookie } from "../features/lti/launched.server";
import { embeddersFor } from "../features/lti/platforms.server";
import { LaunchSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { embeddersContext } from "../lib/csp.server";
import { replyMessages } from "../components/ui/action-reply";
import type { ActionReply } from "../lib/action-reply";

export const handle = { embedded: true };

/** The launch URL only takes the platform's form_post; opened otherwise, it says so. */
export async function loader({ context }: Route.LoaderArgs) {
  context.set(embeddersContext, await embeddersFor(context.get(dbContext)));
  return { problem: "lti:errors.launch_incomplete" };
}

/**
 * The platform posts the signed `id_token` and our `state` here (LTI Core
 * 1.3 §5.1.2). Without the state's cookie — a browser blocking cookies in
 * the frame — the launch is not accepted here: the page offers to start the
 * same login in a new window, where the cookie works. A refused launch is a
 * translated page and a 4xx; it stores nothing.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  context.set(embeddersContext, await embeddersFor(db));
  return handleForm(
    request,
    LaunchSchema,
    async (value) => {
      const cookie = stateCookie(value.state);
      const cookieState = await cookie.parse(request.headers.get("Cookie"));
      if (typeof cookieState !== "string") {
        const params = await loginParamsOf(db, value.state);
        if (params) return { blocked: params };
      }
      const { launchId, token, messageType } = await completeLaunch(db, { idToken: value.id_token, state: value.state, cookieState });
      const to = messageType === "LtiDeepLinkingRequest" ? href("/lti/l/:launchId/liens", { launchId }) : href("/lti/l/:launchId", { launchId });
      const headers = new Headers();
      headers.append("Set-Cookie", await launchCookie(launchId).serialize(token));
      headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0 }));
      return redirect(to, { status: 303, headers });
    },
    { hideFields: ["id_token", "state"] },
  );
}

export default function LtiLaunch() {
  const { problem } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionReply<{ blocked?: Record<string, string> }> | undefined;
  if (!reply) return <LaunchProblem messageKey={problem} />;
  const blocked = reply?.status === "success" ? reply.data?.blocked : undefined;
  if (blocked) return <OpenInNewWindow loginAction={href("/lti/login")} params={blocked} />;
  return <LaunchProblem messageKey={replyMessages(reply)[0] ?? "lti:errors.launch_incomplete"} />;
}
