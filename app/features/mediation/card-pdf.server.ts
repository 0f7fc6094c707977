import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { formatAccessCode } from "./access-code";

const MM = 72 / 25.4;

/**
 * The access card: A6 landscape, large print, the first name, a QR code to
 * the sign-in page with the code, and the code typed in two groups. Written
 * uncompressed (a few kilobytes) so its text can be checked in tests.
 */
export async function renderAccessCard({
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
  const doc = new PDFDocument({
    size: "A6",
    layout: "landscape",
    margin: 8 * MM,
    compress: false,
    info: { Title: t("mediation:card.pdf_title", { name: firstName }), Author: "Passerelle" },
    lang: locale,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const width = doc.page.width;
  const margin = 8 * MM;
  const qrSize = 38 * MM;
  const textWidth = width - 2 * margin - qrSize - 6 * MM;

  doc.rect(0, 0, width, 14 * MM).fill("#0b5394");
  doc.fillColor("#ffffff").font("Helvetica-Bold").fontSize(16).text(t("mediation:card.pdf_heading"), margin, 4 * MM, { width: width - 2 * margin });

  doc.fillColor("#000000").font("Helvetica-Bold").fontSize(28).text(firstName, margin, 19 * MM, { width: textWidth });
  doc.font("Helvetica").fontSize(13).text(t("mediation:card.pdf_code_label"), margin, doc.y + 2 * MM, { width: textWidth });
  doc.font("Courier-Bold").fontSize(26).text(formatAccessCode(code), margin, doc.y + 1 * MM, { width: textWidth });
  doc.font("Helvetica").fontSize(12).text(t("mediation:card.pdf_how", { site: siteUrl.replace(/^https?:\/\//, "") }), margin, doc.y + 3 * MM, {
    width: textWidth,
  });

  // The QR code drawn as vector squares: sharp at any printer resolution.
  const qr = QRCode.create(signInUrl, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const cell = qrSize / (size + 8);
  const qrX = width - margin - qrSize;
  const qrY = 19 * MM;
  doc.rect(qrX, qrY, qrSize, qrSize).fill("#ffffff");
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col)) doc.rect(qrX + (col + 4) * cell, qrY + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill("#000000");
  doc.font("Helvetica").fontSize(10).text(t("mediation:card.pdf_scan"), qrX, qrY + qrSize + 1 * MM, { width: qrSize, align: "center" });

  doc.font("Helvetica-Oblique").fontSize(11).text(t("mediation:card.pdf_keep"), margin, doc.page.height - margin - 10 * MM, {
    width: width - 2 * margin,
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
