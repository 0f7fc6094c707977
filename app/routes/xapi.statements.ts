import type { Route } from "./+types/xapi.statements";
import { handleStatements } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";

/** The xAPI Statement resource (GET, HEAD and OPTIONS arrive here; PUT and POST in the action). */
export function loader({ request, context }: Route.LoaderArgs) {
  return handleStatements(request, { db: context.get(dbContext), t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleStatements(request, { db: context.get(dbContext), t: getInstance(context).t });
}
