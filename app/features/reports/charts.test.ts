import { describe, expect, it } from "vitest";
import { breakdownChart, monthlyChart } from "./charts.server";
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
    const svg = monthlyChart(monthly, { yLabel: "Accompagnements", alt: "Diagramme en barres" });
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
    const svg = breakdownChart(table, { alt: 'a "quoted" <alt>' });
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(svg).toContain('aria-label="a &quot;quoted&quot; ');
  });
});
