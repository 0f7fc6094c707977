import { protectTable } from "../reports/anonymise";

/**
 * Anonymised activity aggregates, as published: one cross table per month
 * (communes × themes) or per year (months × audiences), with its margins,
 * protected by statistical secrecy (decision 035). Pure: the counts come in,
 * the published rows come out.
 *
 * Margins are the sums of the cells — a person accompanied on two themes
 * counts in each — so that the file adds up and a reader's arithmetic is the
 * arithmetic the protection was computed against.
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
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Publishes one table: every non-empty cell and every margin, with people
 * and accompaniments hidden together wherever either must be.
 */
export function publishTable(input: TableInput): PublishedCell[] {
  const { rows, cols } = input;
  const counts = rows.map((r) => cols.map((c) => input.cell(r, c)));
  const people = counts.map((line) => line.map((x) => x.people));
  const accompaniments = counts.map((line) => line.map((x) => x.accompaniments));
  const { hidden } = protectTable([people, accompaniments]);
  const R = rows.length;
  const C = cols.length;
  const out: PublishedCell[] = [];
  const push = (row: string, col: string, level: Level, value: Counts, suppressed: boolean) => {
    if (value.people === 0 && value.accompaniments === 0) return;
    out.push({
      group: input.group,
      row,
      col,
      level,
      people: suppressed ? null : value.people,
      accompaniments: suppressed ? null : value.accompaniments,
      suppressed,
    });
  };
  const rowTotal = (i: number): Counts => ({ people: sum(people[i]!), accompaniments: sum(accompaniments[i]!) });
  const colTotal = (j: number): Counts => ({ people: sum(people.map((l) => l[j]!)), accompaniments: sum(accompaniments.map((l) => l[j]!)) });
  rows.forEach((r, i) => {
    cols.forEach((c, j) => push(r, c, "detail", counts[i]![j]!, hidden[i]![j]!));
    push(r, "", "total_ligne", rowTotal(i), hidden[i]![C]!);
  });
  cols.forEach((c, j) => push("", c, "total_colonne", colTotal(j), hidden[R]![j]!));
  push("", "", "total", { people: sum(people.flat()), accompaniments: sum(accompaniments.flat()) }, hidden[R]![C]!);
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
