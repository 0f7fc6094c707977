import type { Route } from "./+types/xapi.agents";
import { handleAgents } from "../features/xapi/documents-http.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";

/** The xAPI Agents resource (§2.4): /xapi/agents (GET, HEAD and OPTIONS arrive here; the other methods in the action). */
export function loader({ request, context }: Route.LoaderArgs) {
  return handleAgents(request, { db: context.get(dbContext), t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleAgents(request, { db: context.get(dbContext), t: getInstance(context).t });
}
