/**
 * The pupil list a teacher exports from the school's software or types in a
 * spreadsheet: one pupil per line, a header line naming the columns. Commas
 * or semicolons (French Excel), quotes, CRLF, UTF-8 with or without BOM, or
 * Windows-1252 when the bytes are not UTF-8.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

/** Splits CSV text into rows of cells, with the line number where each row starts. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === separator) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

const HEADERS = {
  firstName: ["prenom", "first name", "firstname", "first_name", "given name"],
  lastName: ["nom", "nom de famille", "last name", "lastname", "last_name", "surname", "family name"],
  birthDate: ["date de naissance", "naissance", "date naissance", "ne le", "nee le", "birth date", "birthdate", "birth_date", "date of birth", "date_naissance"],
} as const;

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[(.)]/g, "")
    .replace(/[\s_]+/g, " ")
    .trim();

export type PupilColumn = keyof typeof HEADERS;

/** Column positions from the header line; null when the first-name or birth-date column is missing. */
export function mapPupilColumns(header: string[]): Record<PupilColumn, number> | null {
  const folded = header.map(fold);
  const find = (names: readonly string[]) => folded.findIndex((h) => names.includes(h) || names.includes(h.replace(/ /g, "_")));
  const columns = { firstName: find(HEADERS.firstName), lastName: find(HEADERS.lastName), birthDate: find(HEADERS.birthDate) };
  if (columns.firstName < 0 || columns.birthDate < 0) return null;
  return columns;
}
