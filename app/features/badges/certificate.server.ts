import type { Locale } from "../../lib/i18n";
import { formatDate } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import type { OpenBadgeCredential } from "./credential.server";
import { drawQrCode, MM, PRIMARY, renderPdf } from "./pdf.server";

/**
 * The one-page certificate (A4 landscape): who, what, when, and a QR code to
 * the public verify page. Long texts are cut with an ellipsis rather than
 * spilling onto a second page.
 */
export function renderCertificate({
  credential,
  recipientName,
  locale,
}: {
  credential: OpenBadgeCredential;
  recipientName: string;
  locale: Locale;
}): Promise<Buffer> {
  const t = serverT(locale);
  const achievement = credential.credentialSubject.achievement;
  return renderPdf(
    {
      size: "A4",
      layout: "landscape",
      margin: 15 * MM,
      info: { Title: t("badges:certificate.pdf_title", { name: achievement.name }), Author: credential.issuer.name },
      lang: locale,
    },
    (doc) => {
      const width = doc.page.width;
      const height = doc.page.height;
      const margin = 15 * MM;
      const qrSize = 45 * MM;
      const textWidth = width - 2 * margin - qrSize - 10 * MM;
      const box = (h: number) => ({ width: textWidth, height: h, ellipsis: true });

      doc.rect(0, 0, width, 22 * MM).fill(PRIMARY);
      doc.fillColor("#ffffff").font("Helvetica-Bold").fontSize(20).text("Passerelle", margin, 7 * MM, { width: width - 2 * margin });
      doc.rect(6 * MM, 28 * MM, width - 12 * MM, height - 34 * MM).lineWidth(2).stroke(PRIMARY);

      doc.fillColor("#1b1f24").font("Helvetica").fontSize(16).text(t("badges:certificate.heading"), margin, 38 * MM, box(10 * MM));
      doc.font("Helvetica").fontSize(13).text(t("badges:certificate.awarded_to"), margin, 52 * MM, box(8 * MM));
      doc.font("Helvetica-Bold").fontSize(28).text(recipientName, margin, 60 * MM, box(14 * MM));
      doc.font("Helvetica").fontSize(13).text(t("badges:certificate.for"), margin, 78 * MM, box(8 * MM));
      doc.font("Helvetica-Bold").fontSize(22).fillColor(PRIMARY).text(achievement.name, margin, 86 * MM, box(22 * MM));
      doc.fillColor("#1b1f24").font("Helvetica").fontSize(12).text(achievement.description, margin, 110 * MM, box(22 * MM));
      doc.font("Helvetica-Oblique").fontSize(11).text(`${t("badges:certificate.criteria")} ${achievement.criteria.narrative}`, margin, 134 * MM, box(18 * MM));
      doc.font("Helvetica").fontSize(12).text(
        t("badges:certificate.issued", { issuer: credential.issuer.name, date: formatDate(credential.validFrom, locale) }),
        margin,
        156 * MM,
        box(14 * MM),
      );

      const qrX = width - margin - qrSize;
      const qrY = 50 * MM;
      drawQrCode(doc, credential.id, qrX, qrY, qrSize);
      doc.font("Helvetica").fontSize(10).text(t("badges:certificate.scan"), qrX, qrY + qrSize + 2 * MM, { width: qrSize, align: "center" });
      doc.fontSize(8).text(credential.id, qrX - 10 * MM, qrY + qrSize + 14 * MM, { width: qrSize + 20 * MM, align: "center", height: 20 * MM, ellipsis: true });
    },
  );
}
