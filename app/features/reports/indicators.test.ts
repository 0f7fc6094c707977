import { describe, expect, it } from "vitest";
import en from "../../locales/en/reports.json";
import fr from "../../locales/fr/reports.json";
import { ALL_CHARTS, AXES, FIGURES, type FigureDef } from "./indicators";

const lookup = (tree: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe("dashboard definitions", () => {
  it("names every figure and chart in both languages, each figure with its own label (readers find them by label)", () => {
    for (const locale of [fr, en]) {
      const labels = Object.keys(FIGURES).map((id) => lookup(locale.figures, id));
      expect(labels.every((l) => typeof l === "string" && l.length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
      for (const chart of ALL_CHARTS) for (const k of ["title", "value", "by"]) expect(lookup(locale.charts, `${chart.id}.${k}`)).toBeTypeOf("string");
      for (const axis of AXES) for (const s of axis.sections) expect(lookup(locale.sections, `${s.id}.title`)).toBeTypeOf("string");
    }
  });

  it("defines ratios from figures that exist, and puts every figure on the dashboard", () => {
    const shown = new Set(AXES.flatMap((a) => a.sections.flatMap((s) => s.figures)));
    for (const [id, def] of Object.entries(FIGURES) as [string, FigureDef][]) {
      if (def.kind === "ratio") {
        expect(FIGURES).toHaveProperty([def.num]);
        expect(FIGURES).toHaveProperty([def.den]);
      }
      if (id !== "workshops.attended_booked") expect(shown.has(id as never), id).toBe(true);
    }
  });
});
