import type { Route } from "./+types/xapi.state";
import { handleState } from "../features/xapi/documents-http.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";

/** The xAPI State resource (§2.3): /xapi/activities/state (GET, HEAD and OPTIONS arrive here; the other methods in the action). */
export function loader({ request, context }: Route.LoaderArgs) {
  return handleState(request, { db: context.get(dbContext), t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleState(request, { db: context.get(dbContext), t: getInstance(context).t });
}
