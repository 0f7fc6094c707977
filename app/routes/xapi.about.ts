import type { Route } from "./+types/xapi.about";
import { handleAbout } from "../features/xapi/http.server";
import { getInstance } from "../lib/i18n.server";

export function loader({ request, context }: Route.LoaderArgs) {
  return handleAbout(request, { t: getInstance(context).t });
}

export function action({ request, context }: Route.ActionArgs) {
  return handleAbout(request, { t: getInstance(context).t });
}
