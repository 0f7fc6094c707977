import PDFDocument from "pdfkit";
import QRCode from "qrcode";

export const MM = 72 / 25.4;
export const PRIMARY = "#0b5394";

/**
 * Runs `draw` on a new pdfkit document and returns the bytes. Uncompressed
 * (a few kilobytes here) so tests can read the text and count the pages.
 */
export async function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, ...options });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A QR code drawn as vector squares (sharp at any printer resolution), with its quiet zone. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill("#000000");
  doc.restore();
}
