import type { Route } from "./+types/lti.activity-relay";
import { awardEarnedBadges } from "../features/badges/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { readRelayRequest } from "../features/h5p/relay.server";
import { relayLaunchStatements } from "../features/lti/launched-h5p.server";
import { requireLaunch } from "../features/lti/launched.server";
import { siteUrl } from "../features/xapi/http.server";
import { handleJson } from "../lib/actions.server";
import { dbContext } from "../lib/context";

/**
 * The statements of an activity played inside an LMS launch (decision 048),
 * with the launch's cookie — the launch's user, this launch's activities —
 * and the Origin check of every cookie-authenticated POST. Same answers as
 * /h5p/releve: 401 without a launch; 400 and 413 refused for good.
 */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleJson(
    context,
    async () => {
      const db = context.get(dbContext);
      const open = await requireLaunch(db, request, params.launchId);
      return relayLaunchStatements(db, open, await readRelayRequest(request), siteUrl(request), {
        onCourseCompleted: () => awardEarnedBadges(db, open.user.id, publicBaseUrl(request)),
      });
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
