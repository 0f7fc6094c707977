import type { Route } from "./+types/workshop.ics";
import { workshopIcs } from "../features/workshops/calendar.server";
import { dbContext } from "../lib/context";
import { getLocale } from "../lib/i18n.server";
import { icsResponse } from "../lib/ics.server";
import { isLocale } from "../lib/i18n";

export async function loader({ context, params }: Route.LoaderArgs) {
  const locale = getLocale(context);
  const { body, filename } = await workshopIcs(context.get(dbContext), params.id, isLocale(locale) ? locale : "fr");
  return icsResponse(body, filename);
}
