import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, isLocale } from "./i18n";

describe("locale formatting (Europe/Paris)", () => {
  it("formats dates in French and English, in Paris time", () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    const d = new Date("2026-12-31T23:30:00Z");
    expect(formatDate(d, "fr")).toBe("1 janvier 2027");
    expect(formatDate(d, "en")).toBe("1 January 2027");
  });

  it("shows the Paris hour across the DST change", () => {
    expect(formatDateTime(new Date("2026-03-28T09:00:00Z"), "fr")).toContain("10:00");
    expect(formatDateTime(new Date("2026-03-30T08:00:00Z"), "fr")).toContain("10:00");
  });

  it("formats numbers per locale", () => {
    expect(formatNumber(1234.5, "fr").replace(/\s/g, " ")).toBe("1 234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });

  it("knows the supported languages", () => {
    expect(isLocale("fr")).toBe(true);
    expect(isLocale("de")).toBe(false);
  });
});
