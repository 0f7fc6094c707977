import type { Route } from "./+types/business-diagnostic.pdf";
import { renderBusinessReportPdf } from "../features/business-diagnostic/report-pdf.server";
import { getBusinessReport } from "../features/business-diagnostic/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { dbContext } from "../lib/context";
import { getLocale } from "../lib/i18n.server";
import { isLocale } from "../lib/i18n";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const report = await getBusinessReport(context.get(dbContext), params.token);
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
