import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { ChartTable } from "./dashboard-types";
import { numberFormat } from "../../lib/i18n";

/**
 * Charts drawn on the server by Observable Plot into a linkedom document and
 * inlined as SVG. The page's CSP forbids inline styles, so the <style>
 * element and style attributes Plot adds are removed and app/styles/reports.css
 * gives the same look with classes (see docs/decisions: aggregation design).
 * Colours are SVG presentation attributes (allowed), from a palette checked
 * for contrast on white.
 */
export const PALETTE = ["#0b5394", "#b35900", "#1d6b2f", "#6a3d9a"] as const;

const WIDTH = 720;

/**
 * Axis ticks at whole numbers only (0, 1, 2… or 0, 5, 10…): the charts count
 * people and events, and an axis reading "0.5" would speak of half a person.
 */
export function integerTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  const rough = top / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let v = 0; ticks.at(-1) === undefined || ticks.at(-1)! < top; v += step) ticks.push(v);
  return ticks;
}

/** Numbers as the reader's language writes them ("1 234", "12,5" in French), through Intl. */
const formatterFor = (locale: string) => {
  const f = numberFormat(locale, { maximumFractionDigits: 1 });
  return (n: number) => f.format(n);
};

interface ChartOptions {
  alt: string;
  locale: string;
}

function documentForPlot() {
  return parseHTML("<!doctype html><html><body></body></html>").document;
}

/** Removes what the CSP would block and makes the SVG an image with a text alternative. */
export function sanitisePlot(node: Element, alt: string): string {
  const svg = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg");
  if (!svg) throw new Error("Plot produced no SVG");
  for (const style of [...svg.querySelectorAll("style")]) style.remove();
  for (const el of [svg, ...svg.querySelectorAll("[style]")]) el.removeAttribute("style");
  // The whole SVG is one image with one text alternative: Plot's labels on inner groups
  // (aria-label on a <g> without a role) are not allowed there, and would be noise.
  for (const el of svg.querySelectorAll("[aria-label], [aria-description], [aria-hidden]")) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
    el.removeAttribute("aria-hidden");
  }
  // Plot reports problems as a visible ⚠ text; our data should never trigger one.
  for (const text of [...svg.querySelectorAll("text")]) if (text.textContent?.includes("⚠")) text.remove();
  svg.setAttribute("class", "chart-svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", alt);
  svg.removeAttribute("aria-description");
  return svg.outerHTML;
}

/** Bars per month, one colour per series (grouped side by side). */
export function monthlyChart(table: ChartTable, { yLabel, alt, locale }: ChartOptions & { yLabel: string }): string {
  const series = table.columns;
  const data = table.rows.flatMap((row) => series.map((name, i) => ({ month: row.key, series: name, value: row.values[i] ?? 0 })));
  // Months in calendar order; the short label alone, with the year under the first month and under each January.
  const tick = new Map(
    table.rows.map((row, i) => {
      const [month, year] = [row.label.replace(/\s*\d{4}$/, ""), row.key.slice(0, 4)];
      return [row.key, i === 0 || row.key.endsWith("-01") ? `${month}\n${year}` : month];
    }),
  );
  const ticks = integerTicks(Math.max(0, ...data.map((d) => d.value)));
  const node = Plot.plot({
    document: documentForPlot(),
    width: WIDTH,
    height: 280,
    marginLeft: 56,
    marginBottom: 44,
    fx: { label: null, padding: 0.15, domain: table.rows.map((r) => r.key), tickFormat: (key: string) => tick.get(key) ?? key },
    x: { axis: null, domain: series, padding: 0.05 },
    y: { grid: true, label: yLabel, domain: [0, ticks.at(-1)!], ticks, tickFormat: formatterFor(locale) },
    color: { domain: series, range: [...PALETTE] },
    marks: [Plot.barY(data, { fx: "month", x: "series", y: "value", fill: "series" }), Plot.ruleY([0])],
  }) as unknown as Element;
  return sanitisePlot(node, alt);
}

/** Horizontal bars, largest first, value written at the end of each bar. */
export function breakdownChart(table: ChartTable, { alt, locale }: ChartOptions): string {
  const data = table.rows.map((row) => ({ label: row.label, value: row.values[0] ?? 0 }));
  const longest = Math.max(10, ...data.map((d) => d.label.length));
  const ticks = integerTicks(Math.max(0, ...data.map((d) => d.value)));
  const format = formatterFor(locale);
  const node = Plot.plot({
    document: documentForPlot(),
    width: WIDTH,
    height: 40 + data.length * 26,
    marginLeft: Math.min(300, 12 + longest * 6.5),
    marginRight: 48,
    x: { grid: true, label: table.valueLabel ?? null, domain: [0, ticks.at(-1)!], ticks, tickFormat: format },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { y: "label", x: "value", fill: PALETTE[0] }),
      Plot.text(data, { y: "label", x: "value", text: (d: { value: number }) => format(d.value), dx: 6, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  return sanitisePlot(node, alt);
}
