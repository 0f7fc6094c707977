import type { Route } from "./+types/dashboard.export";
import { exportDashboardTable } from "../features/reports/service.server";
import { dbContext } from "../lib/context";
import { notFound } from "../lib/errors";
import { getLocale, serverT } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";

/** /tableau-de-bord/export/<table>.csv?<filters>: one table of the dashboard, for a spreadsheet. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const match = /^([a-z_]+)\.csv$/.exec(params.table);
  if (!match) throw notFound();
  const locale = getLocale(context) === "en" ? "en" : "fr";
  const url = new URL(request.url);
  const file = await exportDashboardTable(context.get(dbContext), actor, url.searchParams, match[1]!, { t: serverT(locale), locale });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
