import type { Route } from "./+types/xapi.agent-profile";
import { handleAgentProfile } from "../features/xapi/documents-http.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";

/** The xAPI Agent Profile resource (§2.6): /xapi/agents/profile (GET, HEAD and OPTIONS arrive here; the other methods in the action). */
export function loader({ request, context }: Route.LoaderArgs) {
  return handleAgentProfile(request, { db: context.get(dbContext), t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleAgentProfile(request, { db: context.get(dbContext), t: getInstance(context).t });
}
