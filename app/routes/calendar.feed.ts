import type { Route } from "./+types/calendar.feed";
import { personalFeedIcs } from "../features/calendar/feed.server";
import { dbContext } from "../lib/context";
import { icsResponse } from "../lib/ics.server";

/** The personal feed: the secret is the file name (calendrier/<token>.ics). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const body = await personalFeedIcs(context.get(dbContext), params.token);
  if (body === null) return new Response("Calendrier introuvable ou désactivé. / Calendar not found or revoked.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return icsResponse(body, "passerelle.ics");
}
