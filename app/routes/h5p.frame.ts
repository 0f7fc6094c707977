import type { Route } from "./+types/h5p.frame";
import { openFrame } from "../features/h5p/frame.server";
import { frameDocument, signedOutFrame } from "../features/h5p/player.server";
import { siteUrl } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { getInstance, getLocale } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";

/** The document inside a lesson's H5P iframe, with its own CSP (not the app's layout). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { t } = getInstance(context);
  const locale = getLocale(context);
  const site = siteUrl(request);
  const user = currentUser(context);
  if (!user) {
    const referer = request.headers.get("Referer");
    const back = referer && referer.startsWith(`${site}/`) ? referer.slice(site.length) : "/";
    return signedOutFrame(site, t, locale, back);
  }
  const url = new URL(request.url);
  const { content, state, lessonId } = await openFrame(context.get(dbContext), user, params.contentId, url.searchParams.get("lecon"));
  return frameDocument({ site, content, user, lessonId, state, locale, t });
}
