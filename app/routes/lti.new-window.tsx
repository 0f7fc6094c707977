import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/lti.new-window";
import { OpenInNewWindow } from "../features/lti/components/launch-problem";
import { loginParamsOf } from "../features/lti/launch.server";
import { embeddersFor } from "../features/lti/platforms.server";
import { dbContext } from "../lib/context";
import { embeddersContext } from "../lib/csp.server";
import { appError } from "../lib/errors";

export const handle = { embedded: true };

/** The frame blocked the launch's cookie: the same login, in a window of its own (decision 048). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  context.set(embeddersContext, await embeddersFor(db));
  const loginParams = await loginParamsOf(db, params.ref);
  if (!loginParams) throw appError(400, "state_unknown", "lti:errors.state_unknown");
  return { loginParams };
}

export default function LtiNewWindow() {
  const { loginParams } = useLoaderData<typeof loader>();
  return <OpenInNewWindow loginAction={href("/lti/login")} params={loginParams} />;
}
