import type { Route } from "./+types/xapi.activities";
import { handleActivities } from "../features/xapi/documents-http.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";

/** The xAPI Activities resource (§2.5): /xapi/activities (GET, HEAD and OPTIONS arrive here; the other methods in the action). */
export function loader({ request, context }: Route.LoaderArgs) {
  return handleActivities(request, { db: context.get(dbContext), t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleActivities(request, { db: context.get(dbContext), t: getInstance(context).t });
}
