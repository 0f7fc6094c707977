import { describe, expect, it } from "vitest";
import { hiddenIntervals, isProtected, MIN_PEOPLE, protectTable, withMargins, type HiddenGrid } from "./anonymise";

/** A small seeded generator, so a failing table can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Mostly small counts, many zeros: what a month of a small town's mediation looks like. */
function sparseTable(rand: () => number, rows: number, cols: number) {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      const u = rand();
      if (u < 0.55) return 0;
      if (u < 0.85) return 1 + Math.floor(rand() * 4);
      return 5 + Math.floor(rand() * 20);
    }),
  );
}

/**
 * The reader's view, brute force: every table of non-negative integers that
 * matches what is published (visible values, absent = 0, hidden ≥ 1, rows and
 * columns adding up), for tiny tables only. Independent of the flow code.
 */
function bruteForceRanges(cells: number[][], hidden: HiddenGrid, limit: number) {
  const grid = withMargins(cells);
  const R = cells.length;
  const C = cells[0]!.length;
  const unknown: [number, number][] = [];
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) if (hidden[r]![c]) unknown.push([r, c]);
  const ranges = new Map<string, [number, number]>();
  const values = cells.map((row) => [...row]);
  const check = () => {
    const g = withMargins(values);
    for (let r = 0; r <= R; r++) for (let c = 0; c <= C; c++) if (!hidden[r]![c] && g[r]![c] !== grid[r]![c]) return;
    for (let r = 0; r <= R; r++) {
      for (let c = 0; c <= C; c++) {
        if (!hidden[r]![c]) continue;
        const key = `${r},${c}`;
        const v = g[r]![c]!;
        const [lo, hi] = ranges.get(key) ?? [Infinity, -Infinity];
        ranges.set(key, [Math.min(lo, v), Math.max(hi, v)]);
      }
    }
  };
  const walk = (i: number) => {
    if (i === unknown.length) return check();
    const [r, c] = unknown[i]!;
    for (let v = 1; v <= limit; v++) {
      values[r]![c] = v;
      walk(i + 1);
    }
  };
  walk(0);
  return ranges;
}

describe("statistical secrecy", () => {
  it("hides a commune of 3 people, its total, and enough around them that no reader can pin them", () => {
    const cells = [
      [12, 8, 20],
      [3, 0, 0], // Rieux: 3 people, all on one theme
      [9, 7, 11],
    ];
    const { hidden, primary } = protectTable([cells]);
    expect(hidden[1]![0]).toBe(true);
    expect(hidden[1]![3]).toBe(true); // Rieux's total is 3 as well
    expect(primary).toBe(2);
    expect(isProtected([cells], hidden)).toBe(true);
  });

  it("would have been beaten: a column of 8 with a published 5 and three hidden cells pins each at 1", () => {
    // The pattern the former rule ("no line with exactly one hidden member") accepted.
    const cells = [
      [5, 30],
      [1, 20],
      [1, 25],
      [1, 40],
    ];
    const former: HiddenGrid = [
      [false, false, false],
      [true, true, false],
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ];
    const pinned = hiddenIntervals(withMargins(cells), former).filter((i) => i.member[1] === 0);
    expect(pinned.map((i) => i.above + i.below)).toEqual([0, 0, 0]);
    expect(isProtected([cells], former)).toBe(false);
    const { hidden } = protectTable([cells]);
    expect(isProtected([cells], hidden)).toBe(true);
  });

  it("computes the same ranges as an exhaustive search of every table a reader could believe", () => {
    const rand = random(7);
    let compared = 0;
    for (let n = 0; n < 60; n++) {
      const cells = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => (rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 6))));
      const hidden: HiddenGrid = withMargins(cells).map((line, r) => line.map((v, c) => v > 0 && r < 3 && c < 3 && rand() < 0.45));
      if (hidden.flat().filter(Boolean).length > 4) continue;
      const limit = 12;
      const truth = bruteForceRanges(cells, hidden, limit);
      const grid = withMargins(cells);
      for (const i of hiddenIntervals(grid, hidden, limit)) {
        const [lo, hi] = truth.get(i.member.join(","))!;
        const value = grid[i.member[0]]![i.member[1]]!;
        expect([value - i.below, Math.min(value + i.above, limit)]).toEqual([lo, hi]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  }, 120_000);

  it("protects 80 random sparse tables of people and accompaniments, one pattern for both", () => {
    const rand = random(2026);
    for (let n = 0; n < 80; n++) {
      const people = sparseTable(rand, 2 + Math.floor(rand() * 6), 2 + Math.floor(rand() * 8));
      const accompaniments = people.map((row) => row.map((v) => (v === 0 ? 0 : v + Math.floor(rand() * 3 * v))));
      const { hidden } = protectTable([people, accompaniments]);
      expect(isProtected([people, accompaniments], hidden), JSON.stringify(people)).toBe(true);
      // Zeros are never hidden: a hidden member is known to be at least 1.
      withMargins(people).forEach((line, r) => line.forEach((v, c) => expect(v === 0 && hidden[r]![c]).toBe(false)));
    }
  }, 120_000);

  it("publishes a table with nothing small untouched", () => {
    const cells = [
      [12, 8],
      [9, 7],
    ];
    const { hidden, secondary } = protectTable([cells]);
    expect(hidden.flat().some(Boolean)).toBe(false);
    expect(secondary).toBe(0);
    expect(MIN_PEOPLE).toBe(5);
  });
});
