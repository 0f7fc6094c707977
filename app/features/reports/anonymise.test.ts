import { describe, expect, it } from "vitest";
import { isProtected, MIN_PEOPLE, suppressSmallCells, type CrossTable } from "./anonymise";

/** An additive table built from its cells (the attacker's best case: totals are exact sums). */
function additive(cells: number[][]): CrossTable {
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = cells[0]!.map((_, c) => cells.reduce((a, row) => a + row[c]!, 0));
  return { cells, rowTotals, colTotals, grandTotal: rowTotals.reduce((a, b) => a + b, 0) };
}

/** What a reader can recover by subtraction: a hidden member alone on a line. */
function recoverable(table: CrossTable, s: ReturnType<typeof suppressSmallCells>) {
  const found: string[] = [];
  table.cells.forEach((row, r) => {
    const hiddenInRow = row.map((_, c) => s.cells[r]![c]).filter(Boolean).length + Number(s.rowTotals[r]);
    row.forEach((_, c) => {
      if (!s.cells[r]![c]) return;
      const hiddenInCol = table.cells.filter((_, rr) => s.cells[rr]![c]).length + Number(s.colTotals[c]);
      if (hiddenInRow === 1 || hiddenInCol === 1) found.push(`${r},${c}`);
    });
  });
  return found;
}

describe("small-cell suppression", () => {
  // Rows: communes; columns: themes. Rieux (row 1) has 3 people, all on one theme.
  const communes = ["Pont-Sainte-Maxence", "Rieux", "Verneuil-en-Halatte"];
  const cells = [
    [12, 8, 20],
    [3, 0, 0],
    [9, 7, 11],
  ];

  it("hides the commune of 3 people and its total, and nothing derives it back", () => {
    const table = additive(cells);
    const s = suppressSmallCells(table);
    expect(communes[1]).toBe("Rieux");
    expect(s.cells[1]![0]).toBe(true); // the 3 people
    expect(s.rowTotals[1]).toBe(true); // Rieux's total is 3 as well
    expect(s.primary).toBe(2);
    // Column "theme 0": 12 + ? + 9 = 24 would give the 3 away: a second cell of that column is hidden.
    expect(s.cells.filter((row) => row[0]).length).toBeGreaterThanOrEqual(2);
    // The column of row totals: 40 + ? + 27 = 70 likewise.
    expect(s.rowTotals.filter(Boolean).length + Number(s.grandTotal)).toBeGreaterThanOrEqual(2);
    expect(recoverable(table, s)).toEqual([]);
    expect(isProtected(table, s)).toBe(true);
  });

  it("picks the smallest non-zero visible cell as the complement, preferring inner cells to totals", () => {
    const table = additive([
      [4, 6, 30],
      [10, 7, 25],
    ]);
    const s = suppressSmallCells(table);
    // Row 0: 4 hidden → the next smallest in row 0 is 6; column 0: 4 hidden → 10 hidden.
    expect(s.cells[0]).toEqual([true, true, false]);
    expect(s.cells[1]![0]).toBe(true);
    // Row 1 then has exactly one hidden (10) → its next smallest, 7, goes too.
    expect(s.cells[1]![1]).toBe(true);
    expect(s.rowTotals).toEqual([false, false]);
    expect(s.grandTotal).toBe(false);
    expect(isProtected(table, s)).toBe(true);
  });

  it("leaves a table with no small cell untouched and publishes zeros", () => {
    const table = additive([
      [5, 0],
      [9, 12],
    ]);
    const s = suppressSmallCells(table);
    expect(s.primary + s.secondary).toBe(0);
    expect(s.cells.flat().every((h) => !h)).toBe(true);
  });

  it("hides totals below the threshold even when they are not sums of cells (people counted once)", () => {
    // Two themes for the same 4 people: cells 4 and 4, but the row total is 4 people, not 8.
    const table: CrossTable = { cells: [[4, 4], [0, 0]], rowTotals: [4, 0], colTotals: [4, 4], grandTotal: 4 };
    const s = suppressSmallCells(table);
    expect(s.rowTotals[0]).toBe(true);
    expect(s.grandTotal).toBe(true);
    expect(s.colTotals).toEqual([true, true]);
    expect(isProtected(table, s)).toBe(true);
  });

  it("keeps every line at zero or two-plus hidden members on random tables", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const rows = 1 + Math.floor(random() * 6);
      const cols = 1 + Math.floor(random() * 8);
      const table = additive(
        Array.from({ length: rows }, () => Array.from({ length: cols }, () => (random() < 0.3 ? 0 : Math.floor(random() * 14)))),
      );
      const s = suppressSmallCells(table);
      expect(isProtected(table, s), JSON.stringify(table.cells)).toBe(true);
      expect(recoverable(table, s)).toEqual([]);
    }
  });

  it("uses a threshold of 5 people", () => {
    expect(MIN_PEOPLE).toBe(5);
    const s = suppressSmallCells(additive([[4, 5]]));
    expect(s.cells[0]).toEqual([true, true]);
  });
});
