import { describe, expect, it } from "vitest";
import { spreadsheetCell, spreadsheetCsv } from "./csv";

describe("spreadsheet CSV", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const evil of ["=HYPERLINK(\"http://x\")", "+33 1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(spreadsheetCell(evil).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(spreadsheetCell("Rieux")).toBe("Rieux");
  });

  it("keeps numbers as numbers, negative ones included", () => {
    expect(spreadsheetCell(-12.5)).toBe("-12.5");
    expect(spreadsheetCell(null)).toBe("");
  });

  it("quotes separators, quotes and line breaks, with a BOM and CRLF", () => {
    const csv = spreadsheetCsv(["a", "b"], [["x, \"y\"", 3]]);
    expect(csv).toBe('\uFEFFa,b\r\n"x, ""y""",3\r\n');
  });
});
