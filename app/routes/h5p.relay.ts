import type { Route } from "./+types/h5p.relay";
import { awardEarnedBadges } from "../features/badges/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { readRelayRequest, relayStatements } from "../features/h5p/relay.server";
import { siteUrl } from "../features/xapi/http.server";
import { handleJson } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

/**
 * The browser's xAPI statements, with the learner's session cookie. Unlike
 * /xapi/, this endpoint keeps the Origin check of every cookie-authenticated POST.
 */
export async function action({ request, context }: Route.ActionArgs) {
  // The relay script reads only the status: 401 signed out; 400 and 413 rejected for good; others retried.
  return handleJson(
    context,
    async () => {
      const user = currentUser(context);
      if (!user) throw appError(401, "signed_out", "errors:signed_out");
      const items = await readRelayRequest(request);
      const db = context.get(dbContext);
      return relayStatements(db, user, items, siteUrl(request), {
        onCourseCompleted: () => awardEarnedBadges(db, user.id, publicBaseUrl(request)),
      });
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
