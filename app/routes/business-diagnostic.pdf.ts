import type { Route } from "./+types/business-diagnostic.pdf";
import { renderBusinessReportPdf } from "../features/business-diagnostic/report-pdf.server";
import { getBusinessReport, getOwnBusinessReport } from "../features/business-diagnostic/service.server";
import { requireUser } from "../lib/session.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";
import { getLocale } from "../lib/i18n.server";
import { isLocale } from "../lib/i18n";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const report = "token" in params && params.token ? await getBusinessReport(db, params.token) : await getOwnBusinessReport(db, requireUser(context, request), String(params.id));
  const locale = getLocale(context);
  const pdf = await renderBusinessReportPdf(report, { locale: isLocale(locale) ? locale : "fr", siteUrl: publicBaseUrl(request) });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'attachment; filename="rapport-visibilite.pdf"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
