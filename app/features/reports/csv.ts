/**
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF, quoted when needed,
 * UTF-8 with a BOM so that Excel reads the accents). Text that starts with
 * = + - @ or a tab/CR would run as a formula in Excel or LibreOffice: it gets
 * a leading apostrophe. Numbers are written as numbers (a negative change
 * stays a number, not text).
 */
export function spreadsheetCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function spreadsheetCsv(header: string[], rows: (string | number | null)[][]): string {
  return "\uFEFF" + [header, ...rows].map((row) => row.map(spreadsheetCell).join(",")).join("\r\n") + "\r\n";
}
