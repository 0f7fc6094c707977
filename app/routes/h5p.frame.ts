import type { Route } from "./+types/h5p.frame";
import { hostDocument, signedOutFrame } from "../features/h5p/frame-documents.server";
import { openHostFrame } from "../features/h5p/frame.server";
import { siteUrl } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { readDisplayPrefs } from "../lib/display.server";
import { getInstance, getLocale } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";

/** The document inside a lesson's H5P iframe: the host of the sandboxed player (decision 029). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { t } = getInstance(context);
  const locale = getLocale(context);
  const site = siteUrl(request);
  const user = currentUser(context);
  const display = await readDisplayPrefs(request, user);
  if (!user) {
    const referer = request.headers.get("Referer");
    const back = referer && referer.startsWith(`${site}/`) ? referer.slice(site.length) : "/";
    return signedOutFrame(site, t, locale, display, back);
  }
  const url = new URL(request.url);
  const { content, finished, lessonId, openedAt } = await openHostFrame(
    context.get(dbContext),
    user,
    params.contentId,
    url.searchParams.get("lecon"),
    url.searchParams.get("ouverte"),
  );
  return hostDocument({ site, content, user, lessonId, openedAt, finished, locale, display, t });
}
