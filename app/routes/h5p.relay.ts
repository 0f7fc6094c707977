import type { Route } from "./+types/h5p.relay";
import { awardEarnedBadges } from "../features/badges/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { parseRelayBody, relayStatements } from "../features/h5p/relay.server";
import { siteUrl } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

const MAX_BODY = 512 * 1024;

/**
 * The browser's xAPI statements, with the learner's session cookie. Unlike
 * /xapi/, this endpoint keeps the Origin check of every cookie-authenticated POST.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const user = currentUser(context);
  if (!user) return Response.json({ error: "signed_out" }, { status: 401 });
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) return Response.json({ error: "content_type" }, { status: 400 });
  const text = await request.text();
  if (text.length > MAX_BODY) return Response.json({ error: "too_large" }, { status: 413 });
  try {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return Response.json({ error: "bad_json" }, { status: 400 });
    }
    const db = context.get(dbContext);
    const outcome = await relayStatements(db, user, parseRelayBody(body), siteUrl(request), {
      onCourseCompleted: () => awardEarnedBadges(db, user.id, publicBaseUrl(request)),
    });
    return Response.json(outcome, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.data.code }, { status: appErrorStatus(error) });
    throw error;
  }
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
