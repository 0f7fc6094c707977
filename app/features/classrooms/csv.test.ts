import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("+33 6 12")).toBe(`"'+33 6 12"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\tcmd")).toBe(`"'\tcmd"`);
    expect(csvCell("Josette")).toBe(`"Josette"`);
  });

  it("quotes every cell and doubles inner quotes", () => {
    expect(csvCell('Dit "Jo"; ok')).toBe(`"Dit ""Jo""; ok"`);
    expect(csvCell(null)).toBe(`""`);
    expect(csvCell(42)).toBe(`"42"`);
  });

  it("writes a BOM, semicolons and CRLF lines", () => {
    expect(toCsv([["a", "b"], [1, "é"]])).toBe(`\uFEFF"a";"b"\r\n"1";"é"\r\n`);
  });
});
