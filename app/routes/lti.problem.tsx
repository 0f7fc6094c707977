import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/lti.problem";
import { LaunchProblem } from "../features/lti/components/launch-problem";
import { embeddersFor } from "../features/lti/platforms.server";
import { PROBLEM_STATUS, problemCodeOf } from "../features/lti/problems";
import { dbContext } from "../lib/context";
import { embeddersContext } from "../lib/csp.server";

export const handle = { embedded: true };

/** Why a login or launch from an LMS was refused, inside the platform's frame, with the refusal's status. */
export async function loader({ params, context }: Route.LoaderArgs) {
  context.set(embeddersContext, await embeddersFor(context.get(dbContext)));
  const code = problemCodeOf(`lti:errors.${params.code}`);
  return data({ messageKey: `lti:errors.${code}` }, { status: PROBLEM_STATUS[code] });
}

export default function LtiProblem() {
  const { messageKey } = useLoaderData<typeof loader>();
  return <LaunchProblem messageKey={messageKey} />;
}
