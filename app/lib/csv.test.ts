import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, looksLikeFormula, SPREADSHEET_CSV, STANDARD_CSV, toCsv, toCsvBlocks } from "./csv";

const ATTACKS = ["=cmd|' /C calc'!A0", "+SUM(1)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1+1", "＝1+1", "＋cmd", "－1+1", "＠SUM(A1)"];

describe("formula neutralisation", () => {
  it("prefixes and quotes every formula start, in both dialects", () => {
    for (const dialect of [STANDARD_CSV, SPREADSHEET_CSV]) {
      for (const attack of ATTACKS) {
        const cell = csvCell(attack, dialect);
        expect(cell, JSON.stringify(attack)).toBe(`"'${attack.replace(/"/g, '""')}"`);
      }
    }
  });

  it("leaves plain text and plain numbers alone, and keeps numbers as numbers", () => {
    expect(csvCell("Josette", SPREADSHEET_CSV)).toBe("Josette");
    expect(csvCell("+33344720510", STANDARD_CSV)).toBe("+33344720510");
    expect(looksLikeFormula("-2")).toBe(false);
    expect(looksLikeFormula("-2-2")).toBe(true);
    expect(csvCell(-12.5, STANDARD_CSV)).toBe("-12.5");
    expect(csvCell(-12, SPREADSHEET_CSV)).toBe("-12");
  });
});

describe("quoting", () => {
  it("quotes a cell holding either separator, quotes or line breaks, in both dialects", () => {
    for (const dialect of [STANDARD_CSV, SPREADSHEET_CSV]) {
      expect(csvCell(";=1+1", dialect)).toBe(`";=1+1"`);
      expect(csvCell("a,b", dialect)).toBe(`"a,b"`);
      expect(csvCell('Dit "Jo"', dialect)).toBe(`"Dit ""Jo"""`);
      expect(csvCell("deux\r\nlignes", dialect)).toBe(`"deux\r\nlignes"`);
      expect(csvCell(null, dialect)).toBe("");
      expect(csvCell(undefined, dialect)).toBe("");
      expect(csvCell(Number.NaN, dialect)).toBe("");
    }
  });

  it("quotes every text cell when the dialect asks for it, never numbers", () => {
    const dialect = { ...STANDARD_CSV, quoteAllText: true };
    expect(toCsv([["a", 1, null, ""]], dialect)).toBe(`"a",1,,""\r\n`);
  });
});

describe("the two dialects", () => {
  const rows = [
    ["nom", "valeur", "date"],
    ["Rieux; centre", 3.5, new Date("2026-07-01T12:30:00Z")],
    ["=cmd|' /C calc'!A0", -0.25, null],
  ];

  it("writes RFC 4180 for machines: comma, dot decimals, no BOM, CRLF", () => {
    const text = toCsv(rows, STANDARD_CSV);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe(`nom,valeur,date\r\n"Rieux; centre",3.5,2026-07-01T12:30:00.000Z\r\n"'=cmd|' /C calc'!A0",-0.25,\r\n`);
    expect(parse(text, { delimiter: ",", record_delimiter: "\r\n" })).toEqual([
      ["nom", "valeur", "date"],
      ["Rieux; centre", "3.5", "2026-07-01T12:30:00.000Z"],
      ["'=cmd|' /C calc'!A0", "-0.25", ""],
    ]);
  });

  it("writes the French spreadsheet dialect: BOM, semicolon, decimal comma, Paris time, CRLF", () => {
    const text = toCsv(rows, SPREADSHEET_CSV);
    expect(text.startsWith("\uFEFFnom;valeur;date\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parse(text, { bom: true, delimiter: ";", record_delimiter: "\r\n" })).toEqual([
      ["nom", "valeur", "date"],
      ["Rieux; centre", "3,5", "2026-07-01 14:30:00"],
      ["'=cmd|' /C calc'!A0", "-0,25", ""],
    ]);
  });

  it("puts several tables in one file with one BOM and a blank line between them", () => {
    const text = toCsvBlocks([[["a"], [1.5]], [["b"], [2]]], SPREADSHEET_CSV);
    expect(text).toBe(`\uFEFFa\r\n"1,5"\r\n\r\nb\r\n2\r\n`);
  });
});
