import { describe, expect, it } from "vitest";
import { breakdownChart, integerTicks, monthlyChart } from "./charts.server";
import type { ChartTable } from "./dashboard-types";

const monthly: ChartTable = {
  labelHeader: "Mois",
  columns: ["Individuels", "Collectifs"],
  rows: [
    { key: "2025-01", label: "janv. 2025", values: [12, 3] },
    { key: "2025-02", label: "févr. 2025", values: [30, 0] },
  ],
};

describe("server-rendered charts", () => {
  it("draws bars with Plot and leaves nothing the CSP would block", () => {
    const svg = monthlyChart(monthly, { yLabel: "Accompagnements", alt: "Diagramme en barres", locale: "fr" });
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Diagramme en barres"');
    expect(svg.match(/<rect /g)!.length).toBeGreaterThanOrEqual(3);
    expect(svg).not.toMatch(/<style|style=/);
    // One accessible name only: the inner groups carry none.
    expect(svg.match(/aria-label=/g)).toHaveLength(1);
    expect(svg).not.toContain("⚠");
  });

  it("escapes labels typed by people (a commune name is text, never markup)", () => {
    const table: ChartTable = { labelHeader: "Commune", columns: ["Personnes"], rows: [{ key: "x", label: '<img src=x onerror=alert(1)>"&', values: [7] }] };
    const svg = breakdownChart(table, { alt: 'a "quoted" <alt>', locale: "fr" });
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(svg).toContain('aria-label="a &quot;quoted&quot; ');
  });

  it("puts axis ticks on whole numbers only, however small the counts (no half person)", () => {
    expect(integerTicks(0)).toEqual([0, 1]);
    expect(integerTicks(1)).toEqual([0, 1]);
    expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(integerTicks(1234)).toEqual([0, 500, 1000, 1500]);
    for (let max = 0; max < 5000; max += 7) {
      const ticks = integerTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
    }
    const one: ChartTable = { labelHeader: "Mois", columns: ["Personnes"], rows: [{ key: "2025-01", label: "janv. 2025", values: [1] }] };
    const svg = monthlyChart(one, { yLabel: "Personnes", alt: "x", locale: "fr" });
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.trim()).filter((t) => /^[\d.,\s]+$/.test(t));
    expect(labels).toEqual(["0", "1"]);
  });

  it("writes numbers the French way in French (grouping with a narrow space, decimal comma)", () => {
    const table: ChartTable = { labelHeader: "Commune", columns: ["Personnes"], rows: [{ key: "a", label: "Rieux", values: [1234] }] };
    const fr = breakdownChart(table, { alt: "x", locale: "fr" });
    expect(fr).toContain(">1\u202f234<");
    expect(fr).toContain(">1\u202f000<"); // an axis tick
    expect(breakdownChart(table, { alt: "x", locale: "en" })).toContain(">1,234<");
  });
});
