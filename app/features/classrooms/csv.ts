/**
 * CSV for spreadsheet users (French Excel and LibreOffice): `;` separator,
 * UTF-8 with a byte-order mark, CRLF lines, every cell quoted. A cell that a
 * spreadsheet would read as a formula (= + - @, tab or carriage return first)
 * gets a leading apostrophe so that a learner's name cannot run a formula on
 * the host's computer (CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}
