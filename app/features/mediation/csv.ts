/**
 * CSV for spreadsheets (RFC 4180, `;`-free: comma separated, quoted when
 * needed, CRLF). A cell that starts with = + - @ (or a tab/CR) would be run
 * as a formula by Excel or LibreOffice: it gets a leading apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  // The BOM makes Excel read the file as UTF-8 (accents in French labels).
  return "\uFEFF" + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
