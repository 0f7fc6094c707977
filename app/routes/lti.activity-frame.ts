import type { Route } from "./+types/lti.activity-frame";
import { endedFrame, hostDocument } from "../features/h5p/frame-documents.server";
import { openLaunchedHost } from "../features/lti/launched-h5p.server";
import { requireLaunch } from "../features/lti/launched.server";
import { platformOrigins } from "../features/lti/platforms.server";
import { siteUrl } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { readDisplayPrefs } from "../lib/display.server";
import { isAppError } from "../lib/errors";
import { getInstance, getLocale } from "../lib/i18n.server";

/** The host of an H5P activity inside an LMS launch (decisions 029 and 048): the launch's cookie, not a session. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const { t } = getInstance(context);
  const locale = getLocale(context);
  const site = siteUrl(request);
  let open;
  try {
    open = await requireLaunch(db, request, params.launchId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // No launch to name its platform: the registered platforms may still show the sentence.
    return endedFrame(site, locale, await readDisplayPrefs(request, null), t("lti:errors.launch_ended"), { frameAncestors: await platformOrigins(db) });
  }
  const display = await readDisplayPrefs(request, open.user);
  const host = await openLaunchedHost(db, open, params.scope, params.contentId, new URL(request.url).searchParams.get("ouverte"));
  return hostDocument({ site, ...host, user: open.user, locale, display, t });
}

