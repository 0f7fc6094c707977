import type { Route } from "./+types/lti.activity-player";
import { playerDocument, playerUnavailable } from "../features/h5p/frame-documents.server";
import { openLaunchedPlayer } from "../features/lti/launched-h5p.server";
import { requireLaunch } from "../features/lti/launched.server";
import { siteUrl } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { readDisplayPrefs } from "../lib/display.server";
import { isAppError } from "../lib/errors";
import { getLocale } from "../lib/i18n.server";

/** The sandboxed player of an activity inside an LMS launch (decisions 029 and 048), framed by its host only. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const open = await requireLaunch(db, request, params.launchId).catch((error: unknown) => {
    if (isAppError(error)) return null;
    throw error;
  });
  if (!open) return playerUnavailable();
  const { content, state, token, embedding } = await openLaunchedPlayer(db, open, params.scope, params.contentId);
  const display = await readDisplayPrefs(request, open.user);
  return playerDocument({ site: siteUrl(request), content, token, state, locale: getLocale(context), display, embedding });
}
