import type { Route } from "./+types/xapi.activity-profile";
import { handleActivityProfile } from "../features/xapi/documents-http.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";

/** The xAPI Activity Profile resource (§2.7): /xapi/activities/profile (GET, HEAD and OPTIONS arrive here; the other methods in the action). */
export function loader({ request, context }: Route.LoaderArgs) {
  return handleActivityProfile(request, { db: context.get(dbContext), t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleActivityProfile(request, { db: context.get(dbContext), t: getInstance(context).t });
}
