import type { Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { drawQrCode, FONT, MM, renderPdf } from "../../lib/pdf.server";
import { formatAccessCode } from "./access-code";

/**
 * The access card: A6 landscape, large print, the first name, a QR code to
 * the sign-in page with the code, and the code typed in two groups.
 */
export function renderAccessCard({
  firstName,
  code,
  siteUrl,
  locale,
}: {
  firstName: string;
  code: string;
  siteUrl: string;
  locale: Locale;
}): Promise<Buffer> {
  const t = serverT(locale);
  const signInUrl = `${siteUrl}/connexion/carte?code=${code}`;
  const margin = 8 * MM;
  return renderPdf({ size: "A6", layout: "landscape", margin, title: t("mediation:card.pdf_title", { name: firstName }), locale }, (doc) => {
    const width = doc.page.width;
    const qrSize = 38 * MM;
    const textWidth = width - 2 * margin - qrSize - 6 * MM;

    doc.rect(0, 0, width, 14 * MM).fill("#0b5394");
    doc.fillColor("#ffffff").font(FONT.bold).fontSize(16).text(t("mediation:card.pdf_heading"), margin, 4 * MM, { width: width - 2 * margin });

    doc.fillColor("#000000").font(FONT.bold).fontSize(26).text(firstName, margin, 19 * MM, { width: textWidth, height: 22 * MM, ellipsis: true });
    doc.font(FONT.regular).fontSize(13).text(t("mediation:card.pdf_code_label"), margin, doc.y + 2 * MM, { width: textWidth });
    doc.font(FONT.mono).fontSize(26).text(formatAccessCode(code), margin, doc.y + 1 * MM, { width: textWidth });
    doc.font(FONT.regular).fontSize(12).text(t("mediation:card.pdf_how", { site: siteUrl.replace(/^https?:\/\//, "") }), margin, doc.y + 3 * MM, {
      width: textWidth,
    });

    const qrX = width - margin - qrSize;
    const qrY = 19 * MM;
    drawQrCode(doc, signInUrl, qrX, qrY, qrSize);
    doc.font(FONT.regular).fontSize(10).text(t("mediation:card.pdf_scan"), qrX, qrY + qrSize + 1 * MM, { width: qrSize, align: "center" });

    doc.font(FONT.italic).fontSize(11).text(t("mediation:card.pdf_keep"), margin, doc.page.height - margin - 10 * MM, {
      width: width - 2 * margin,
    });
  });
}
