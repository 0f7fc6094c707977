import { describe, expect, it } from "vitest";
import { decodeCsvBytes, mapPupilColumns, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads semicolons, quotes, CRLF and blank lines, with line numbers", () => {
    const rows = parseCsv('Prénom;Nom;Date de naissance\r\nLéa;"Martin; dite ""Lou""";12/03/2013\r\n\r\nNoé;Petit;2012-05-01');
    expect(rows).toEqual([
      { line: 1, cells: ["Prénom", "Nom", "Date de naissance"] },
      { line: 2, cells: ["Léa", 'Martin; dite "Lou"', "12/03/2013"] },
      { line: 4, cells: ["Noé", "Petit", "2012-05-01"] },
    ]);
  });
  it("reads commas and a quoted line break", () => {
    expect(parseCsv('first name,last name,birth date\n"Anne\nMarie",Roy,1/2/2013\n')).toEqual([
      { line: 1, cells: ["first name", "last name", "birth date"] },
      { line: 2, cells: ["Anne\nMarie", "Roy", "1/2/2013"] },
    ]);
  });
  it("decodes Windows-1252 when the bytes are not UTF-8, and drops a BOM", () => {
    expect(decodeCsvBytes(new Uint8Array([0x4c, 0xe9, 0x61]))).toBe("Léa");
    expect(decodeCsvBytes(new TextEncoder().encode("\uFEFFNoé"))).toBe("Noé");
  });
});

describe("mapPupilColumns", () => {
  it("finds columns in French or English, in any order and case", () => {
    expect(mapPupilColumns(["NOM", "Prénom", "Né(e) le"])).toEqual({ firstName: 1, lastName: 0, birthDate: 2 });
    expect(mapPupilColumns(["birth_date", "First name"])).toEqual({ firstName: 1, lastName: -1, birthDate: 0 });
  });
  it("needs a first name and a birth date", () => {
    expect(mapPupilColumns(["Nom", "Prénom"])).toBeNull();
  });
});
