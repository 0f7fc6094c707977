import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
// @ts-expect-error fontkit (pdfkit's own font engine, same version) ships no type declarations
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

export const MM = 72 / 25.4;
export const PRIMARY = "#0b5394";

/**
 * The fonts every PDF draws with: DejaVu (from the `dejavu-fonts-ttf`
 * package), embedded as subsets. pdfkit's built-in fonts are not embedded and
 * only speak WinAnsi: a name like « Łucja-Ngọc Ağça » came out as mojibake.
 */
export const FONT = {
  regular: "DejaVuSans",
  bold: "DejaVuSans-Bold",
  italic: "DejaVuSans-Oblique",
  mono: "DejaVuSansMono-Bold",
} as const;

/** A parsed font, as pdfkit accepts it in place of a file (it checks for a `layout` method). */
type ParsedFont = { layout: (...args: unknown[]) => unknown };
let parsedFonts: Record<keyof typeof FONT, ParsedFont> | undefined;

/**
 * Read and parsed once per process (about 2 MB): parsing the four files for
 * every document took a few hundred milliseconds. Each document still embeds
 * only the glyphs it uses (pdfkit makes its own subset per document).
 */
function fonts() {
  if (!parsedFonts) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    const load = (name: string) => (fontkit as { create(data: Uint8Array): ParsedFont }).create(readFileSync(path.join(dir, `${name}.ttf`)));
    parsedFonts = { regular: load(FONT.regular), bold: load(FONT.bold), italic: load(FONT.italic), mono: load(FONT.mono) };
  }
  return parsedFonts;
}

export interface PdfOptions extends Omit<PDFKit.PDFDocumentOptions, "info" | "lang" | "font" | "displayTitle"> {
  /** Shown by PDF readers in the title bar (displayTitle) and read by screen readers. */
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** The document's language: "fr" → fr-FR, "en" → en-GB. */
  locale: string;
}

/**
 * A pdfkit document with the DejaVu fonts registered (the regular one as the
 * default), its title, author and language set, and the title shown instead
 * of the file name. Every PDF Passerelle makes starts here.
 */
export function createPdf({ title, author = "Passerelle", subject, keywords, locale, ...options }: PdfOptions): PDFKit.PDFDocument {
  const files = fonts();
  const doc = new PDFDocument({
    ...options,
    font: files.regular as unknown as string,
    lang: locale.startsWith("en") ? "en-GB" : "fr-FR",
    displayTitle: true,
    info: { Title: title, Author: author, ...(subject ? { Subject: subject } : {}), ...(keywords ? { Keywords: keywords } : {}) },
  });
  for (const key of Object.keys(FONT) as (keyof typeof FONT)[]) doc.registerFont(FONT[key], files[key] as unknown as string);
  return doc;
}

/** Runs `draw` on a new document (see createPdf) and returns the bytes. */
export async function renderPdf(options: PdfOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = createPdf(options);
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
