import type { Locale } from "../../lib/i18n";
import { formatDate } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { FONT, MM, PRIMARY, renderPdf } from "../../lib/pdf.server";
import type { BusinessReport } from "./service.server";

/**
 * The report as a PDF (A4 portrait): scores drawn as bars with their figures
 * written beside them, then the advice. It may run to a second page when the
 * advice is long; pdfkit adds pages as the text flows.
 */
export function renderBusinessReportPdf(report: BusinessReport, { locale, siteUrl }: { locale: Locale; siteUrl: string }) {
  const t = serverT(locale);
  return renderPdf(
    { size: "A4", margin: 18 * MM, title: report.businessName ? `${t("business:report.title")} — ${report.businessName}` : t("business:report.title"), locale },
    (doc) => {
      const margin = 18 * MM;
      const width = doc.page.width - 2 * margin;
      doc.rect(0, 0, doc.page.width, 16 * MM).fill(PRIMARY);
      doc.fillColor("#ffffff").font(FONT.bold).fontSize(16).text("Passerelle", margin, 5 * MM);
      doc.fillColor("#1b1f24").font(FONT.bold).fontSize(20).text(t("business:report.title"), margin, 24 * MM, { width });
      doc.font(FONT.regular).fontSize(11);
      if (report.businessName) doc.text(t("business:report.for_business", { name: report.businessName }), { width });
      doc.text(t("business:report.made_on", { date: formatDate(report.createdAt, locale) }), { width });
      doc.moveDown(0.5).font(FONT.bold).fontSize(14).text(t("business:report.overall", { score: report.overall }), { width });

      doc.moveDown(0.8).fontSize(13).text(t("business:report.chart_heading"), { width });
      const labelWidth = 70 * MM;
      const barWidth = width - labelWidth - 25 * MM;
      for (const { axis, score, rating } of report.axes) {
        const y = doc.y + 2 * MM;
        doc.font(FONT.regular).fontSize(10.5).fillColor("#1b1f24").text(t(`business:axes.${axis}`), margin, y, { width: labelWidth - 3 * MM });
        doc.rect(margin + labelWidth, y, barWidth, 4 * MM).fillAndStroke("#f3f5f8", "#8a94a3");
        if (score) doc.rect(margin + labelWidth, y, (barWidth * score) / 100, 4 * MM).fill(PRIMARY);
        const value = score === null ? t("business:report.not_relevant") : `${score} / 100 — ${t(`business:report.ratings.${rating}`)}`;
        doc.fillColor("#1b1f24").fontSize(9.5).text(value, margin + labelWidth, y + 5 * MM, { width: barWidth + 25 * MM });
        doc.y = Math.max(doc.y, y + 10 * MM);
      }

      doc.moveDown(1).font(FONT.bold).fontSize(13).text(t("business:report.recommendations_heading"), margin, doc.y, { width });
      doc.font(FONT.regular).fontSize(10.5);
      if (!report.recommendations.length) doc.moveDown(0.3).text(t("business:report.no_recommendations"), { width });
      report.recommendations.forEach((r, i) => {
        const prefix = `${i + 1}. ${r.urgent ? `[${t("business:report.urgent")}] ` : ""}${t(`business:axes.${r.axis}`)} — `;
        doc.moveDown(0.4).text(prefix + t(`business:recommendations.${r.questionId}`), margin, doc.y, { width });
      });

      doc.moveDown(1).font(FONT.bold).fontSize(13).text(t("business:report.path_heading"), margin, doc.y, { width });
      doc.font(FONT.regular).fontSize(10.5);
      if (report.path) doc.text(`${t("business:report.path_intro", { title: report.path.title })} ${siteUrl}/parcours/${report.path.slug}`, { width });
      doc.moveDown(0.3).text(`${t("business:report.coaching_intro")} ${siteUrl}${report.coachingUrl}`, { width });
      doc.moveDown(1).font(FONT.italic).fontSize(9).text(t("business:report.pdf_footer"), { width });
    },
  );
}
