import type { Route } from "./+types/xapi.unsupported";
import { handleUnsupported } from "../features/xapi/http.server";
import { getInstance } from "../lib/i18n.server";

/** Any other path under /xapi/ (a typo, OAuth): a JSON 404, not the HTML one. */
export function loader({ context }: Route.LoaderArgs) {
  return handleUnsupported({ t: getInstance(context).t });
}

export function action({ context }: Route.ActionArgs) {
  return handleUnsupported({ t: getInstance(context).t });
}
