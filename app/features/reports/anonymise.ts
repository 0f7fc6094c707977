/**
 * Small-cell suppression for published aggregates (statistical secrecy).
 * Pure: no database, no I/O — see docs/decisions for the rules.
 *
 * A table is rows × columns of people counts, with its margins: a total per
 * row, a total per column and a grand total, all computed from people (not
 * by adding cells: one person may sit in several cells). We reason as if the
 * table were additive, which is the cautious assumption: each row, each
 * column, the row of column totals and the column of row totals is a "line"
 * whose members add up, so a line with exactly one hidden member would give
 * it away by subtraction.
 *
 * 1. Primary: any member (cell or total) describing 1 to 4 people is hidden.
 *    Zero describes nobody and stays published.
 * 2. Secondary: while some line has exactly one hidden member, also hide the
 *    smallest non-zero visible member of that line (an inner cell before a
 *    total when they tie). Repeat until no line has exactly one.
 */
export const MIN_PEOPLE = 5;

export interface CrossTable {
  /** cells[r][c]: people in row r and column c. */
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  grandTotal: number;
}

export interface Suppression {
  cells: boolean[][];
  rowTotals: boolean[];
  colTotals: boolean[];
  grandTotal: boolean;
  /** How many members were hidden by rule 1 and by rule 2. */
  primary: number;
  secondary: number;
}

/** The table as an (R+1)×(C+1) grid: the last row holds the column totals, the last column the row totals. */
function grid(table: CrossTable): number[][] {
  const rows = table.cells.length;
  const cols = table.colTotals.length;
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = table.cells[r]!;
    if (row.length !== cols) throw new Error(`row ${r} has ${row.length} cells, expected ${cols}`);
    out.push([...row, table.rowTotals[r] ?? 0]);
  }
  if (table.rowTotals.length !== rows) throw new Error("one total per row is required");
  out.push([...table.colTotals, table.grandTotal]);
  return out;
}

export function isSmall(people: number, min = MIN_PEOPLE) {
  return people > 0 && people < min;
}

export function suppressSmallCells(table: CrossTable, min = MIN_PEOPLE): Suppression {
  const values = grid(table);
  const height = values.length;
  const width = values[0]!.length;
  const hidden = values.map((row) => row.map((v) => isSmall(v, min)));
  const primary = hidden.flat().filter(Boolean).length;
  let secondary = 0;

  type Member = [number, number];
  const lines: Member[][] = [];
  for (let r = 0; r < height; r++) lines.push(Array.from({ length: width }, (_, c) => [r, c] as Member));
  for (let c = 0; c < width; c++) lines.push(Array.from({ length: height }, (_, r) => [r, c] as Member));
  const isMargin = ([r, c]: Member) => r === height - 1 || c === width - 1;

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r]![c]).length !== 1) continue;
      const candidates = line
        .filter(([r, c]) => !hidden[r]![c] && values[r]![c]! > 0)
        .sort((a, b) => values[a[0]]![a[1]]! - values[b[0]]![b[1]]! || Number(isMargin(a)) - Number(isMargin(b)));
      const pick = candidates[0];
      if (!pick) continue;
      hidden[pick[0]]![pick[1]] = true;
      secondary++;
      changed = true;
    }
  }

  const rows = table.cells.length;
  const cols = table.colTotals.length;
  return {
    cells: hidden.slice(0, rows).map((row) => row.slice(0, cols)),
    rowTotals: hidden.slice(0, rows).map((row) => row[cols]!),
    colTotals: hidden[rows]!.slice(0, cols),
    grandTotal: hidden[rows]![cols]!,
    primary,
    secondary,
  };
}

/**
 * For tests and audits: every line of the published table has zero or at
 * least two hidden members, and no visible member describes 1–4 people.
 */
export function isProtected(table: CrossTable, suppression: Suppression, min = MIN_PEOPLE): boolean {
  const values = grid(table);
  const hidden = [
    ...suppression.cells.map((row, r) => [...row, suppression.rowTotals[r]!]),
    [...suppression.colTotals, suppression.grandTotal],
  ];
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r]!.length; c++) if (!hidden[r]![c] && isSmall(values[r]![c]!, min)) return false;
  }
  for (const row of hidden) if (row.filter(Boolean).length === 1) return false;
  for (let c = 0; c < hidden[0]!.length; c++) if (hidden.filter((row) => row[c]).length === 1) return false;
  return true;
}
