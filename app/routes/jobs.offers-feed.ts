import type { Route } from "./+types/jobs.offers-feed";
import { offersFeed } from "../features/jobs/feed.server";
import { dbContext } from "../lib/context";

/** /emplois/flux.atom and /emplois/flux.rss: the published offers, for feed readers and job boards. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const atom = new URL(request.url).pathname.endsWith(".atom");
  const body = await offersFeed(context.get(dbContext), atom ? "atom" : "rss");
  return new Response(body, {
    headers: {
      "Content-Type": atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
