import type { Route } from "./+types/h5p.player";
import { playerDocument, playerUnavailable } from "../features/h5p/frame-documents.server";
import { openPlayerFrame } from "../features/h5p/frame.server";
import { siteUrl } from "../features/xapi/http.server";
import { dbContext } from "../lib/context";
import { readDisplayPrefs } from "../lib/display.server";
import { getLocale } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";

/** The sandboxed document where H5P libraries run, framed by the host document (decision 029). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const site = siteUrl(request);
  const user = currentUser(context);
  if (!user) return playerUnavailable();
  const { content, state, token } = await openPlayerFrame(context.get(dbContext), user, params.contentId);
  const display = await readDisplayPrefs(request, user);
  return playerDocument({ site, content, token, state, locale: getLocale(context), display });
}
