import { beforeAll, describe, expect, it } from "vitest";
import { renderCertificate } from "../../app/features/badges/certificate.server";
import { buildCredential } from "../../app/features/badges/credential.server";
import { renderBusinessReportPdf } from "../../app/features/business-diagnostic/report-pdf.server";
import { BUSINESS_QUESTIONS } from "../../app/features/business-diagnostic/questionnaire";
import { getBusinessReport, takeBusinessDiagnostic } from "../../app/features/business-diagnostic/service.server";
import { renderAccessCard } from "../../app/features/mediation/card-pdf.server";
import { computeDashboard } from "../../app/features/reports/compute.server";
import { yearPeriod } from "../../app/features/reports/period";
import { refreshStats } from "../../app/features/reports/refresh.server";
import { renderReportPdf } from "../../app/features/reports/report-pdf.server";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import { MM } from "../../app/lib/pdf.server";
import { testDb } from "../helpers/db";
import { pdfCatalog, pdfFonts, pdfInfo, pdfToText, pdfWords } from "../helpers/pdf-check";
import * as f from "./reports-fixtures";

/**
 * Issue 15: every PDF embeds its fonts and prints any name, read back by
 * poppler (pdffonts, pdftotext, pdfinfo) and qpdf — not by pdfkit, which wrote them.
 */
const NAME = "Łucja-Ngọc Ağça";
let db: Db;

beforeAll(async () => {
  db = await testDb();
});

/** Every font line pdffonts prints says `emb yes` (and there is at least one). */
function expectEmbeddedFonts(pdf: Uint8Array) {
  const fonts = pdfFonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.filter((font) => !font.embedded)).toEqual([]);
  // Subsets with a ToUnicode map: small files whose text can be copied and searched.
  expect(fonts.every((font) => font.subset && font.unicode)).toBe(true);
  return fonts;
}

const certificateInput = (baseUrl = "https://passerelle.example") =>
  buildCredential({
    baseUrl,
    badgeId: "0b6f5a53-3a0e-4b8e-9f0c-2f1f0b9a2c11",
    issuedAt: new Date("2026-11-30T10:15:30Z"),
    achievement: {
      id: `${baseUrl}/parcours/autonome-avec-le-numerique`,
      name: "Autonome avec le numérique au quotidien",
      description: "A suivi les cours du parcours et un atelier en espace relais.",
      criteria: "Terminer les cours obligatoires du parcours.",
    },
    recipient: { email: "lucja@exemple.fr", accountUrl: `${baseUrl}/compte/1` },
    salt: "c2VsLWRlLW1lcg",
    subjectId: "urn:uuid:7d1f3c1e-5b7a-4c43-9a51-0f6a2e8b9d10",
    status: { list: 1, index: 42 },
  });

describe("the certificate", () => {
  it("embeds its fonts, prints the name exactly, says it was a path, and has its title and language", async () => {
    const credential = certificateInput();
    const pdf = await renderCertificate({ credential, recipientName: NAME, kind: "path", locale: "fr" });
    expectEmbeddedFonts(pdf);
    const text = pdfToText(pdf);
    expect(text).toContain(NAME);
    expect(text).toContain("pour avoir suivi le parcours");
    expect(text).not.toContain("ou le cours");
    expect(pdfInfo(pdf)).toMatchObject({ Title: "Certificat — Autonome avec le numérique au quotidien", Pages: "1" });
    expect(pdfCatalog(pdf)).toEqual({ lang: "fr-FR", displayDocTitle: true });

    const course = await renderCertificate({ credential, recipientName: NAME, kind: "course", locale: "en" });
    expect(pdfToText(course)).toContain("for completing the course");
    expect(pdfToText(course)).not.toContain("path or course");
    expect(pdfCatalog(course).lang).toBe("en-GB");
  });

  it("keeps every word inside the frame, the verify address too, even with a long domain", async () => {
    for (const baseUrl of ["https://passerelle.example", "https://passerelle.communaute-de-communes-des-pays-d-oise-et-d-halatte.fr"]) {
      const credential = certificateInput(baseUrl);
      const pdf = await renderCertificate({ credential, recipientName: NAME, kind: "path", locale: "fr" });
      const { pages, words } = pdfWords(pdf);
      expect(pages).toHaveLength(1);
      const { width, height } = pages[0]!;
      // The frame is drawn 6 mm from the edges, below the 22 mm header band.
      const frame = { left: 6 * MM, right: width - 6 * MM, top: 28 * MM, bottom: height - 6 * MM };
      const inside = words.filter((w) => w.yMin > 22 * MM);
      expect(inside.length).toBeGreaterThan(40);
      const outside = inside.filter((w) => w.xMin < frame.left || w.xMax > frame.right || w.yMin < frame.top || w.yMax > frame.bottom);
      expect(outside.map((w) => w.text)).toEqual([]);
      // The badge's id, which the address ends with, is printed whole on its own line.
      expect(pdfToText(pdf).split("\n")).toContain("0b6f5a53-3a0e-4b8e-9f0c-2f1f0b9a2c11");
    }
  });
});

describe("the access card", () => {
  it("embeds its fonts, prints the name and the code exactly, and has its title and language", async () => {
    const pdf = await renderAccessCard({ firstName: NAME, code: "K7QM2X9RTA", siteUrl: "https://passerelle.example", locale: "fr" });
    const fonts = expectEmbeddedFonts(pdf);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono-Bold"]);
    const text = pdfToText(pdf);
    expect(text).toContain(NAME);
    expect(text).toContain("K7QM2-X9RTA");
    expect(pdfInfo(pdf)).toMatchObject({ Title: `Carte d'accès Passerelle de ${NAME}`, Author: "Passerelle", Pages: "1" });
    expect(pdfCatalog(pdf)).toEqual({ lang: "fr-FR", displayDocTitle: true });
  });
});

describe("the business report", () => {
  it("embeds its fonts, prints the business's name exactly, and has its title and language", async () => {
    const answers = Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, q.options[0]!.id]));
    const { token } = await takeBusinessDiagnostic(db, null, { businessName: `Fleurs ${NAME}`, sector: "craft", answers });
    const pdf = await renderBusinessReportPdf(await getBusinessReport(db, token), { locale: "fr", siteUrl: "https://passerelle.test" });
    expectEmbeddedFonts(pdf);
    expect(pdfToText(pdf)).toContain(`Fleurs ${NAME}`);
    expect(pdfInfo(pdf).Title).toBe(`${serverT("fr")("business:report.title")} — Fleurs ${NAME}`);
    expect(pdfCatalog(pdf)).toEqual({ lang: "fr-FR", displayDocTitle: true });
  });
});

describe("the yearly evaluation report", () => {
  it("embeds its fonts, prints French figures and quotes as written (no '?' for a narrow space), and has its title and language", async () => {
    const space = await f.space(db, "Rieux");
    for (let i = 0; i < 6; i++) {
      const p = await f.person(db, { commune: "Rieux", audience: "seniors" });
      await f.accompaniment(db, { date: `2025-04-0${1 + i}`, themes: ["email"], beneficiaries: [{ userId: p }], spaceId: space });
    }
    await refreshStats(db, { full: true });
    const t = serverT("fr");
    const data = await computeDashboard(db, { period: yearPeriod(2025), filters: {}, t, locale: "fr" });
    const { bytes } = await renderReportPdf(data, { year: 2025, locale: "fr", t });
    expectEmbeddedFonts(bytes);
    const text = pdfToText(bytes).replace(/\s+/g, " ");
    expect(text).toContain(t("reports:report.pdf.cover_subtitle"));
    expect(text).not.toMatch(/\d\?\d/);
    expect(pdfInfo(bytes)).toMatchObject({ Title: t("reports:report.pdf.cover_title", { year: 2025 }), Author: "Passerelle" });
    expect(pdfCatalog(bytes)).toEqual({ lang: "fr-FR", displayDocTitle: true });
  });
});
