import type { Route } from "./+types/activity-log.csv";
import { exportActivityCsv, todayInParis } from "../features/mediation/activity.server";
import { ActivityFilterSchema } from "../features/mediation/schemas";
import { dbContext } from "../lib/context";
import { isLocale } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const filters = ActivityFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = getLocale(context);
  const csv = await exportActivityCsv(context.get(dbContext), actor, filters, isLocale(locale) ? locale : "fr");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="journal-mediation-${todayInParis()}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
