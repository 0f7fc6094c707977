/**
 * Every CSV file the app writes, in one of two dialects (decision 022):
 *
 * - `STANDARD_CSV` (RFC 4180: comma, dot decimals, UTF-8 without BOM, CRLF)
 *   for open-data files, whose schemas require it and which programs read;
 * - `SPREADSHEET_CSV` (semicolon, decimal comma, UTF-8 with a BOM, CRLF) for
 *   files people download to open in a French spreadsheet, which splits on
 *   `;` and reads `3,5` as a number.
 *
 * In both, a cell is quoted when it holds `,` `;` `"` CR or LF (so that it
 * stays one cell whichever separator a reader guesses), and text that a
 * spreadsheet would run as a formula gets a leading apostrophe and quotes
 * (OWASP's advice on CSV injection). Numbers passed as numbers are written as
 * numbers, negative ones included; text that is just a number ("+33344720510",
 * "-2") cannot call anything and is left as it is.
 */
export type CsvValue = string | number | Date | null | undefined;

export interface CsvDialect {
  separator: "," | ";";
  decimal: "." | ",";
  bom: boolean;
  /** Quote every text cell, not only those that need it (the national schema's example files do). */
  quoteAllText?: boolean;
  formatDate(date: Date): string;
}

export const STANDARD_CSV: CsvDialect = {
  separator: ",",
  decimal: ".",
  bom: false,
  formatDate: (date) => date.toISOString(),
};

const parisClock = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export const SPREADSHEET_CSV: CsvDialect = {
  separator: ";",
  decimal: ",",
  bom: true,
  // "2026-12-03 14:05:00" in Paris time: what a spreadsheet recognises as a date and time.
  formatDate: (date) => parisClock.format(date),
};

/**
 * Characters that make a spreadsheet read a cell as a formula, with the
 * fullwidth forms that some spreadsheets fold to them; spaces or line breaks
 * before them do not hide them (some importers trim).
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** True when a spreadsheet could read `text` as a formula (a plain signed number cannot call anything). */
export function looksLikeFormula(text: string) {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

function formatNumber(value: number, dialect: CsvDialect) {
  if (!Number.isFinite(value)) return "";
  const text = String(value);
  return dialect.decimal === "." ? text : text.replace(".", dialect.decimal);
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

export function csvCell(value: CsvValue, dialect: CsvDialect): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    const text = formatNumber(value, dialect);
    return NEEDS_QUOTES.test(text) ? quote(text) : text;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : csvCell(dialect.formatDate(value), dialect);
  if (looksLikeFormula(value)) return quote(`'${value}`);
  return dialect.quoteAllText || NEEDS_QUOTES.test(value) ? quote(value) : value;
}

/** Rows (the header first) → the file's text, CRLF after every line. */
export function toCsv(rows: readonly (readonly CsvValue[])[], dialect: CsvDialect): string {
  const body = rows.map((row) => row.map((cell) => csvCell(cell, dialect)).join(dialect.separator)).join("\r\n") + "\r\n";
  return dialect.bom ? `\uFEFF${body}` : body;
}

/** Several tables in one file, a blank line between them (one BOM at the start). */
export function toCsvBlocks(blocks: readonly (readonly (readonly CsvValue[])[])[], dialect: CsvDialect): string {
  const text = blocks.map((rows) => toCsv(rows, { ...dialect, bom: false })).join("\r\n");
  return dialect.bom ? `\uFEFF${text}` : text;
}

