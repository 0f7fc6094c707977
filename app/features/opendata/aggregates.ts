import { suppressSmallCells, type CrossTable } from "../reports/anonymise";

/**
 * Anonymised activity aggregates, as published: one cross table per month
 * (communes × themes) or per year (months × audiences), with its margins,
 * each run through small-cell suppression. Pure: the counts come in, the
 * published rows come out.
 */
export type Level = "detail" | "total_ligne" | "total_colonne" | "total";

export interface PublishedCell {
  group: string;
  row: string;
  col: string;
  level: Level;
  /** null when suppressed. */
  people: number | null;
  accompaniments: number | null;
  suppressed: boolean;
}

export interface Counts {
  people: number;
  accompaniments: number;
}

export interface TableInput {
  /** The month or the year this table describes. */
  group: string;
  rows: string[];
  cols: string[];
  cell(row: string, col: string): Counts;
  rowTotal(row: string): Counts;
  colTotal(col: string): Counts;
  total: Counts;
}

/**
 * Publishes one table: every non-empty cell and every margin, with people
 * and accompaniments blanked together where the people count must be hidden.
 */
export function publishTable(input: TableInput): PublishedCell[] {
  const { rows, cols } = input;
  const table: CrossTable = {
    cells: rows.map((r) => cols.map((c) => input.cell(r, c).people)),
    rowTotals: rows.map((r) => input.rowTotal(r).people),
    colTotals: cols.map((c) => input.colTotal(c).people),
    grandTotal: input.total.people,
  };
  const hidden = suppressSmallCells(table);
  const out: PublishedCell[] = [];
  const push = (row: string, col: string, level: Level, counts: Counts, suppressed: boolean) => {
    if (counts.people === 0 && counts.accompaniments === 0) return;
    out.push({
      group: input.group,
      row,
      col,
      level,
      people: suppressed ? null : counts.people,
      accompaniments: suppressed ? null : counts.accompaniments,
      suppressed,
    });
  };
  rows.forEach((r, i) => {
    cols.forEach((c, j) => push(r, c, "detail", input.cell(r, c), hidden.cells[i]![j]!));
    push(r, "", "total_ligne", input.rowTotal(r), hidden.rowTotals[i]!);
  });
  cols.forEach((c, j) => push("", c, "total_colonne", input.colTotal(c), hidden.colTotals[j]!));
  push("", "", "total", input.total, hidden.grandTotal);
  return out;
}

/** Counts keyed by a tuple, defaulting to zero. */
export class CountMap {
  private map = new Map<string, Counts>();
  private key = (parts: string[]) => parts.join("\u0000");
  add(parts: string[], people: number, accompaniments: number) {
    const k = this.key(parts);
    const prev = this.map.get(k) ?? { people: 0, accompaniments: 0 };
    this.map.set(k, { people: prev.people + people, accompaniments: prev.accompaniments + accompaniments });
  }
  get(...parts: string[]): Counts {
    return this.map.get(this.key(parts)) ?? { people: 0, accompaniments: 0 };
  }
}
