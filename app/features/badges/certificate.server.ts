import type { Locale } from "../../lib/i18n";
import { formatDate } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { drawQrCode, FONT, MM, PRIMARY, renderPdf } from "../../lib/pdf.server";
import type { OpenBadgeCredential } from "./credential.server";

/**
 * The one-page certificate (A4 landscape): who, what, when, and a QR code to
 * the public verify page. Long texts are cut with an ellipsis rather than
 * spilling onto a second page; everything stays inside the frame.
 */
export function renderCertificate({
  credential,
  recipientName,
  kind,
  locale,
}: {
  credential: OpenBadgeCredential;
  recipientName: string;
  /** What was completed: the wording says which. */
  kind: "path" | "course";
  locale: Locale;
}): Promise<Buffer> {
  const t = serverT(locale);
  const achievement = credential.credentialSubject.achievement;
  const margin = 15 * MM;
  return renderPdf(
    {
      size: "A4",
      layout: "landscape",
      margin,
      title: t("badges:certificate.pdf_title", { name: achievement.name }),
      author: credential.issuer.name,
      locale,
    },
    (doc) => {
      const width = doc.page.width;
      const height = doc.page.height;
      const frame = { x: 6 * MM, y: 28 * MM, width: width - 12 * MM, height: height - 34 * MM };
      const qrSize = 45 * MM;
      const textWidth = width - 2 * margin - qrSize - 10 * MM;
      const box = (h: number) => ({ width: textWidth, height: h, ellipsis: true });

      doc.rect(0, 0, width, 22 * MM).fill(PRIMARY);
      doc.fillColor("#ffffff").font(FONT.bold).fontSize(20).text("Passerelle", margin, 7 * MM, { width: width - 2 * margin });
      doc.rect(frame.x, frame.y, frame.width, frame.height).lineWidth(2).stroke(PRIMARY);

      doc.fillColor("#1b1f24").font(FONT.regular).fontSize(16).text(t("badges:certificate.heading"), margin, 38 * MM, box(10 * MM));
      doc.font(FONT.regular).fontSize(13).text(t("badges:certificate.awarded_to"), margin, 52 * MM, box(8 * MM));
      doc.font(FONT.bold).fontSize(26).text(recipientName, margin, 60 * MM, box(14 * MM));
      doc.font(FONT.regular).fontSize(13).text(t(kind === "path" ? "badges:certificate.for_path" : "badges:certificate.for_course"), margin, 78 * MM, box(8 * MM));
      doc.font(FONT.bold).fontSize(22).fillColor(PRIMARY).text(achievement.name, margin, 86 * MM, box(22 * MM));
      doc.fillColor("#1b1f24").font(FONT.regular).fontSize(12).text(achievement.description, margin, 110 * MM, box(22 * MM));
      doc.font(FONT.italic).fontSize(11).text(`${t("badges:certificate.criteria")} ${achievement.criteria.narrative}`, margin, 134 * MM, box(18 * MM));
      doc.font(FONT.regular).fontSize(12).text(
        t("badges:certificate.issued", { issuer: credential.issuer.name, date: formatDate(credential.validFrom, locale) }),
        margin,
        156 * MM,
        box(14 * MM),
      );

      const qrX = width - margin - qrSize;
      const qrY = 50 * MM;
      drawQrCode(doc, credential.id, qrX, qrY, qrSize);
      doc.font(FONT.regular).fontSize(10).text(t("badges:certificate.scan"), qrX, qrY + qrSize + 2 * MM, { width: qrSize, align: "center" });
      // The address under the QR code, in a box centred on it that stops short of the frame: cut after its
      // last "/" so the badge id stays whole on its own line, each part shrunk (down to 6 pt) to fit its width.
      const urlWidth = qrSize + 14 * MM;
      const urlX = qrX - 7 * MM;
      const cut = credential.id.lastIndexOf("/") + 1;
      let y = qrY + qrSize + 14 * MM;
      for (const [part, lines] of [[credential.id.slice(0, cut), 2], [credential.id.slice(cut), 1]] as const) {
        const size = Math.max(6, Math.min(8, (8 * urlWidth) / doc.font(FONT.regular).fontSize(8).widthOfString(part)));
        doc.fontSize(size).text(part, urlX, y, { width: urlWidth, align: "center", height: lines * doc.currentLineHeight(true) + 1, ellipsis: true });
        y = doc.y;
      }
    },
  );
}
