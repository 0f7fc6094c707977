import type { TFunction } from "i18next";
import { createPdf, FONT } from "../../lib/pdf.server";
import { formatDate, numberFormat } from "../../lib/i18n";
import { integerTicks, PALETTE } from "./charts.server";
import type { ChartTable, ChartView, DashboardData, FigureValue } from "./dashboard-types";
import type { FigureId } from "./indicators";
import { formatChange, formatFigure } from "./format";

/**
 * The yearly evaluation as a PDF: cover, summary, then one part per axis of
 * the roadmap with its figures (year and previous year, change), charts
 * drawn by pdfkit from the same tables as the dashboard's SVG, and the
 * charts' data. Tagged PDF with a title and a language.
 */
type Data = Omit<DashboardData, "options">;

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 20;
const TEXT = "#1b1f24";
const MUTED = "#4a5360";
const RULE = "#8a94a3";
const MAX_TABLE_ROWS = 15;

export interface ReportPdf {
  bytes: Buffer;
  pageCount: number;
}

export async function renderReportPdf(data: Data, { year, locale, t, generatedAt = new Date() }: { year: number; locale: string; t: TFunction; generatedAt?: Date }): Promise<ReportPdf> {
  const title = t("reports:report.pdf.cover_title", { year });
  const doc = createPdf({
    size: "A4",
    margin: PAGE.margin,
    bufferPages: true,
    pdfVersion: "1.7",
    tagged: true,
    locale,
    title,
    subject: t("reports:report.pdf.cover_subtitle"),
    keywords: `evaluation, ${year}`,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const write = (text: string, options: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string } = {}) => {
    const { size = 11, bold = false, color = TEXT, ...rest } = options;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).fillColor(color);
    doc.text(text, { width: CONTENT_WIDTH, ...rest });
  };
  const ensure = (height: number) => {
    if (doc.y + height > BOTTOM) doc.addPage();
  };

  // Cover
  doc.rect(0, 0, PAGE.width, 12).fill(PALETTE[0]);
  doc.y = 220;
  write(title, { size: 30, bold: true, color: PALETTE[0] });
  doc.moveDown(0.5);
  write(t("reports:report.pdf.cover_subtitle"), { size: 15 });
  doc.moveDown(2);
  write(t("reports:report.pdf.cover_period", { from: data.period.from, to: data.period.to, previousYear: year - 1 }), { size: 12 });
  doc.moveDown(0.5);
  write(t("reports:report.pdf.cover_generated", { date: formatDate(generatedAt, locale) }), { size: 12, color: MUTED });
  doc.moveDown(2);
  write(t("reports:report.pdf.cover_method"), { size: 11, color: MUTED });

  // Summary: every figure of every axis, the year against the one before.
  doc.addPage();
  write(t("reports:report.pdf.summary"), { size: 22, bold: true, color: PALETTE[0] });
  doc.moveDown(0.3);
  write(t("reports:report.pdf.summary_intro", { year, previousYear: year - 1 }), { color: MUTED });
  doc.moveDown(0.8);
  for (const axis of data.axes) {
    ensure(60);
    write(t(`reports:axes.${axis.id}.title`), { size: 13, bold: true });
    doc.moveDown(0.3);
    figuresTable(axis.sections.flatMap((s) => s.figures));
    doc.moveDown(0.8);
  }

  // One part per axis
  for (const axis of data.axes) {
    doc.addPage();
    write(t(`reports:axes.${axis.id}.title`), { size: 20, bold: true, color: PALETTE[0] });
    for (const section of axis.sections) {
      doc.moveDown(0.8);
      ensure(90);
      write(`${section.ref} — ${t(`reports:sections.${section.id}.title`)}`, { size: 14, bold: true });
      write(t(`reports:sections.${section.id}.description`), { size: 10, color: MUTED });
      doc.moveDown(0.4);
      figuresTable(section.figures);
      for (const chart of section.charts) drawChart(chart);
    }
  }

  // Page numbers, now that the count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED);
    const footer = `${t("reports:report.pdf.footer", { year })} — ${t("reports:report.pdf.page", { page: i + 1, pages: range.count })}`;
    doc.text(footer, PAGE.margin, PAGE.height - PAGE.margin + 10, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
  }
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), pageCount: range.count };

  function figuresTable(figures: FigureValue[]) {
    const cols = [CONTENT_WIDTH - 240, 80, 80, 80];
    const header = [t("reports:report.pdf.col_figure"), String(year), String(year - 1), t("reports:report.pdf.col_change")];
    const missing = t("reports:report.pdf.not_available");
    row(header, true);
    for (const f of figures) {
      row([
        t(`reports:figures.${f.id as FigureId}`),
        formatFigure(f, f.available ? f.value : null, locale, t, missing),
        formatFigure(f, f.available ? f.previous : null, locale, t, missing),
        f.available ? formatChange(f.value, f.previous, locale, t) : "-",
      ]);
    }

    function row(cells: string[], bold = false) {
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(9.5);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 8 }))) + 8;
      ensure(height);
      const y = doc.y;
      let x = PAGE.margin;
      cells.forEach((cell, i) => {
        doc.fillColor(TEXT).text(cell, x + 4, y + 4, { width: cols[i]! - 8, align: i === 0 ? "left" : "right" });
        x += cols[i]!;
      });
      doc.moveTo(PAGE.margin, y + height).lineTo(PAGE.margin + CONTENT_WIDTH, y + height).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.x = PAGE.margin;
      doc.y = y + height;
    }
  }

  function drawChart(chart: ChartView) {
    if (!chart.available) return;
    doc.moveDown(0.8);
    const rows = chart.table.rows;
    const chartHeight = chart.kind === "monthly" ? 170 : Math.min(20, rows.length) * 16 + 10;
    ensure(40 + chartHeight);
    write(chart.title, { size: 11, bold: true });
    doc.moveDown(0.3);
    if (!rows.some((r) => r.values.some((v) => v > 0))) {
      write(t("reports:report.pdf.no_data", { year }), { size: 10, color: MUTED });
      return;
    }
    if (chart.kind === "monthly") monthlyBars(chart.table, chartHeight);
    else horizontalBars(chart.table);
    chartTable(chart.table);
  }

  function monthlyBars(table: ChartTable, height: number) {
    const top = doc.y;
    const left = PAGE.margin + 36;
    const width = CONTENT_WIDTH - 36;
    const plotHeight = height - 40;
    // Whole-number ticks, as on the dashboard: the charts count people and events.
    const ticks = integerTicks(Math.max(...table.rows.flatMap((r) => r.values)));
    const max = ticks.at(-1)!;
    doc.font(FONT.regular).fontSize(7).fillColor(MUTED);
    for (const value of ticks) {
      const y = top + plotHeight - (plotHeight * value) / max;
      doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.3).strokeColor(RULE).stroke();
      doc.text(numberFormat(locale, { maximumFractionDigits: 1 }).format(value), PAGE.margin, y - 3, { width: 32, align: "right", lineBreak: false });
    }
    const group = width / table.rows.length;
    const bar = (group * 0.8) / table.columns.length;
    table.rows.forEach((row, i) => {
      row.values.forEach((v, s) => {
        const h = (plotHeight * v) / max;
        doc.rect(left + i * group + group * 0.1 + s * bar, top + plotHeight - h, bar, h).fill(PALETTE[s % PALETTE.length]!);
      });
      doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED);
      doc.text(row.label, left + i * group, top + plotHeight + 3, { width: group, align: "center", lineBreak: false });
    });
    // Legend
    let x = left;
    const legendY = top + plotHeight + 16;
    table.columns.forEach((name, s) => {
      doc.rect(x, legendY + 1, 8, 8).fill(PALETTE[s % PALETTE.length]!);
      doc.font(FONT.regular).fontSize(8).fillColor(TEXT);
      doc.text(name, x + 12, legendY, { lineBreak: false });
      x += 24 + doc.widthOfString(name);
    });
    doc.x = PAGE.margin;
    doc.y = top + height;
  }

  function horizontalBars(table: ChartTable) {
    const rows = table.rows.slice(0, 20);
    const labelWidth = 170;
    const barMax = CONTENT_WIDTH - labelWidth - 50;
    const max = Math.max(...rows.map((r) => r.values[0] ?? 0), 1);
    let y = doc.y;
    for (const row of rows) {
      const v = row.values[0] ?? 0;
      doc.font(FONT.regular).fontSize(8).fillColor(TEXT);
      doc.text(row.label, PAGE.margin, y + 2, { width: labelWidth - 6, align: "right", lineBreak: false, ellipsis: true, height: 10 });
      const w = (barMax * v) / max;
      doc.rect(PAGE.margin + labelWidth, y + 1, Math.max(w, 0.5), 11).fill(PALETTE[0]);
      doc.fillColor(TEXT).text(numberFormat(locale).format(v), PAGE.margin + labelWidth + w + 4, y + 2, { lineBreak: false });
      y += 16;
    }
    doc.x = PAGE.margin;
    doc.y = y + 6;
  }

  function chartTable(table: ChartTable) {
    const rows = table.rows.filter((r) => r.values.some((v) => v !== 0)).slice(0, MAX_TABLE_ROWS);
    const labelWidth = Math.max(150, CONTENT_WIDTH - 90 * table.columns.length);
    const colWidth = (CONTENT_WIDTH - labelWidth) / table.columns.length;
    const line = (cells: string[], bold: boolean) => {
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(8.5);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (i === 0 ? labelWidth : colWidth) - 6 }))) + 5;
      ensure(height);
      const y = doc.y;
      let x = PAGE.margin;
      cells.forEach((cell, i) => {
        const w = i === 0 ? labelWidth : colWidth;
        doc.fillColor(TEXT).text(cell, x + 3, y + 2, { width: w - 6, align: i === 0 ? "left" : "right" });
        x += w;
      });
      doc.moveTo(PAGE.margin, y + height).lineTo(PAGE.margin + CONTENT_WIDTH, y + height).lineWidth(0.3).strokeColor(RULE).stroke();
      doc.x = PAGE.margin;
      doc.y = y + height;
    };
    doc.moveDown(0.3);
    line([table.labelHeader, ...table.columns], true);
    for (const r of rows) line([r.label, ...r.values.map((v) => numberFormat(locale, { maximumFractionDigits: 1 }).format(v))], false);
    if (table.rows.length > MAX_TABLE_ROWS) {
      doc.moveDown(0.2);
      write(t("reports:report.pdf.top_rows", { count: MAX_TABLE_ROWS }), { size: 8, color: MUTED });
    }
  }
}
