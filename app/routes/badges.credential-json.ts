import type { Route } from "./+types/badges.credential-json";
import { badgeDownload } from "../features/badges/downloads.server";
import { dbContext } from "../lib/context";
import { isLocale } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const locale = getLocale(context);
  return badgeDownload(context.get(dbContext), requireUser(context, request), params.id, "json", isLocale(locale) ? locale : "fr");
}
