import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { formatFigure } from "./format";

const t = ((key: string, values: { value: string }) => `${key}:${values.value}`) as unknown as TFunction;

describe("figures as French readers read them", () => {
  it("writes counts as whole numbers with French grouping, hours and percentages with a decimal comma", () => {
    expect(formatFigure({ unit: "count" }, 1234, "fr", t, "—")).toBe("1\u202f234");
    // A count never shows a fraction of a person, whatever reaches it.
    expect(formatFigure({ unit: "count" }, 2.5, "fr", t, "—")).toBe("3");
    expect(formatFigure({ unit: "hours" }, 12.5, "fr", t, "—")).toBe("reports:format.hours:12,5");
    expect(formatFigure({ unit: "percent" }, 45.25, "fr", t, "—")).toBe("reports:format.percent:45,3");
    expect(formatFigure({ unit: "hours" }, 12.5, "en", t, "—")).toBe("reports:format.hours:12.5");
    expect(formatFigure({ unit: "count" }, null, "fr", t, "—")).toBe("—");
  });
});
