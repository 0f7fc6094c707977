/**
 * Statistical secrecy for published tables (decision 035). Pure: no database,
 * no I/O.
 *
 * A published table is rows × columns of counts with its margins — a total
 * per row, per column and a grand total — and the margins are the sums of the
 * cells (additive by construction, so that what a reader computes from the
 * file is exactly what we reason about). Several measures (people,
 * accompaniments) share one pattern of hidden members.
 *
 * The reader knows the rules: every published value; that an absent cell is
 * 0; that a hidden cell is at least 1 (zeros are never hidden); that rows and
 * columns add up to their totals. With that, the values a hidden member can
 * take form an interval, and for a table with margins the interval's ends
 * are the same for the linear relaxation and for integer programming (the
 * constraints form a network: a totally unimodular matrix). We compute them
 * exactly as flows: raising a hidden cell by δ means pushing δ round a cycle
 * of other hidden members, so the most it can rise is a maximum flow in the
 * residual network.
 *
 * 1. Primary: any member (cell or total) describing 1 to 4 (MIN_PEOPLE − 1)
 *    is hidden.
 * 2. Secondary: while some hidden member can be pinned within fewer than
 *    MIN_PEOPLE possible values, hide one more visible member on its row or
 *    column — an inner cell before a total, and among them the smallest that
 *    gives enough room, else the largest. Each round hides at least one
 *    member, so it ends (in the worst case with everything hidden).
 */
export const MIN_PEOPLE = 5;

/** Cells of one measure, rows × columns; margins are their sums. */
export type Cells = number[][];

/**
 * Hidden members on the (R+1)×(C+1) grid: [r][c] for cells, [r][C] the row
 * totals, [R][c] the column totals, [R][C] the grand total.
 */
export type HiddenGrid = boolean[][];

export interface Suppression {
  hidden: HiddenGrid;
  /** Members hidden because they were small, and hidden to protect them. */
  primary: number;
  secondary: number;
}

export function isSmall(value: number, min = MIN_PEOPLE) {
  return value > 0 && value < min;
}

/** The (R+1)×(C+1) grid of a measure: cells, then row totals, then column totals and the grand total. */
export function withMargins(cells: Cells): number[][] {
  const width = cells[0]?.length ?? 0;
  const rows = cells.map((row) => {
    if (row.length !== width) throw new Error(`a row has ${row.length} cells, expected ${width}`);
    return [...row, row.reduce((a, b) => a + b, 0)];
  });
  const totals = Array.from({ length: width + 1 }, (_, c) => rows.reduce((sum, row) => sum + row[c]!, 0));
  return [...rows, totals];
}

/**
 * The circulation behind a table: nodes are the source (S), each row, each
 * column and the sink (T); a hidden cell is an arc row → column, a row's
 * unknown part an arc S → row, a column's an arc column → T, the grand
 * total's an arc T → S. Published members are constants already subtracted;
 * arcs carry today's values as their flow, with lower bound 1 for hidden
 * cells and 0 for the rest, and no upper bound.
 */
interface Arc {
  from: number;
  to: number;
  flow: number;
  lower: number;
  /** The grid member this arc stands for, when it is hidden (null: a published margin's remainder, fixed). */
  member: [number, number] | null;
  fixed: boolean;
}

function buildNetwork(values: number[][], hidden: HiddenGrid) {
  const R = values.length - 1;
  const C = values[0]!.length - 1;
  const S = 0;
  const T = R + C + 1;
  const row = (r: number) => 1 + r;
  const col = (c: number) => 1 + R + c;
  const arcs: Arc[] = [];
  const hiddenSum = (cells: [number, number][]) => cells.reduce((sum, [r, c]) => sum + (hidden[r]![c] ? values[r]![c]! : 0), 0);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (hidden[r]![c]) arcs.push({ from: row(r), to: col(c), flow: values[r]![c]!, lower: 1, member: [r, c], fixed: false });
    }
  }
  // A row's arc carries what its hidden cells add up to; it is free when the row total is hidden too.
  for (let r = 0; r < R; r++) {
    const flow = hiddenSum(Array.from({ length: C }, (_, c) => [r, c] as [number, number]));
    const free = hidden[r]![C]!;
    if (flow > 0 || free) arcs.push({ from: S, to: row(r), flow, lower: 0, member: free ? [r, C] : null, fixed: !free });
  }
  for (let c = 0; c < C; c++) {
    const flow = hiddenSum(Array.from({ length: R }, (_, r) => [r, c] as [number, number]));
    const free = hidden[R]![c]!;
    if (flow > 0 || free) arcs.push({ from: col(c), to: T, flow, lower: 0, member: free ? [R, c] : null, fixed: !free });
  }
  // The grand total closes the circulation: what the hidden cells add up to overall.
  const all = hiddenSum(values.slice(0, R).flatMap((line, r) => line.slice(0, C).map((_, c) => [r, c] as [number, number])));
  const free = hidden[R]![C]!;
  arcs.push({ from: T, to: S, flow: all, lower: 0, member: free ? [R, C] : null, fixed: !free });
  // A hidden row total whose row has no hidden cell, and the like, still sits in its line of totals:
  // its own value is the row's published cells plus the arc, which the arc's flow range bounds.
  return { arcs, nodes: T + 1 };
}

/**
 * How far arc `skip`'s flow can move (up, or down) before something else
 * breaks, capped at `cap`: the maximum flow from one end to the other in the
 * residual network without that arc.
 */
function room(arcs: Arc[], nodes: number, skip: number, source: number, target: number, cap: number): number {
  // Residual capacities: forward (unbounded above) and backward (down to the lower bound).
  const residual = arcs.map((a) => ({ forward: a.fixed ? 0 : Infinity, backward: a.fixed ? 0 : a.flow - a.lower }));
  const adjacency: number[][] = Array.from({ length: nodes }, () => []);
  arcs.forEach((a, i) => {
    if (i === skip) return;
    adjacency[a.from]!.push(i);
    adjacency[a.to]!.push(i);
  });
  let total = 0;
  while (total < cap) {
    // Breadth-first search for an augmenting path.
    const via: (null | { arc: number; forward: boolean })[] = Array.from({ length: nodes }, () => null);
    const seen = new Array<boolean>(nodes).fill(false);
    seen[source] = true;
    const queue = [source];
    while (queue.length && !seen[target]) {
      const node = queue.shift()!;
      for (const i of adjacency[node]!) {
        const a = arcs[i]!;
        const forward = a.from === node;
        const next = forward ? a.to : a.from;
        const capacity = forward ? residual[i]!.forward : residual[i]!.backward;
        if (seen[next] || capacity <= 0) continue;
        seen[next] = true;
        via[next] = { arc: i, forward };
        queue.push(next);
      }
    }
    if (!seen[target]) break;
    let push = cap - total;
    for (let node = target; node !== source; ) {
      const step = via[node]!;
      push = Math.min(push, step.forward ? residual[step.arc]!.forward : residual[step.arc]!.backward);
      node = step.forward ? arcs[step.arc]!.from : arcs[step.arc]!.to;
    }
    for (let node = target; node !== source; ) {
      const step = via[node]!;
      const r = residual[step.arc]!;
      if (step.forward) {
        r.forward -= push;
        r.backward += push;
      } else {
        r.backward -= push;
        r.forward += push;
      }
      node = step.forward ? arcs[step.arc]!.from : arcs[step.arc]!.to;
    }
    total += push;
  }
  return total;
}

export interface Interval {
  member: [number, number];
  /** How far below and above its true value a reader can place it (capped). */
  below: number;
  above: number;
}

/**
 * For each hidden member, how many values a reader who knows the rules can
 * still place it at, below and above the truth (each capped at `cap`).
 */
export function hiddenIntervals(values: number[][], hidden: HiddenGrid, cap = MIN_PEOPLE): Interval[] {
  const { arcs, nodes } = buildNetwork(values, hidden);
  const out: Interval[] = [];
  arcs.forEach((arc, i) => {
    if (!arc.member) return;
    out.push({
      member: arc.member,
      above: room(arcs, nodes, i, arc.to, arc.from, cap),
      below: Math.min(room(arcs, nodes, i, arc.from, arc.to, cap), arc.flow - arc.lower),
    });
  });
  // A hidden total with no arc of its own (its line has no hidden cell) is pinned by its published cells.
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[0]!.length; c++) {
      if (hidden[r]![c] && !out.some((i) => i.member[0] === r && i.member[1] === c)) out.push({ member: [r, c], below: 0, above: 0 });
    }
  }
  return out;
}

const isMargin = (values: number[][], [r, c]: [number, number]) => r === values.length - 1 || c === values[0]!.length - 1;

/** Visible non-zero members on the same row or column of the grid as `member`. */
function candidates(values: number[][], hidden: HiddenGrid, [r, c]: [number, number]) {
  const out: [number, number][] = [];
  for (let cc = 0; cc < values[0]!.length; cc++) if (cc !== c && !hidden[r]![cc] && values[r]![cc]! > 0) out.push([r, cc]);
  for (let rr = 0; rr < values.length; rr++) if (rr !== r && !hidden[rr]![c] && values[rr]![c]! > 0) out.push([rr, c]);
  return out;
}

/**
 * Chooses which members to hide in every measure (people, accompaniments…)
 * so that none can be pinned within fewer than `min` values.
 */
export function protectTable(measures: Cells[], min = MIN_PEOPLE): Suppression {
  if (!measures.length) throw new Error("at least one measure is required");
  const grids = measures.map(withMargins);
  const reference = grids[0]!;
  const hidden: HiddenGrid = reference.map((line, r) => line.map((_, c) => grids.some((g) => isSmall(g[r]![c]!, min))));
  const primary = hidden.flat().filter(Boolean).length;
  let secondary = 0;
  // Room enough: at least `min` possible values, the true one included.
  const enough = min - 1;
  for (;;) {
    const narrow = new Map<string, { member: [number, number]; missing: number }>();
    for (const grid of grids) {
      for (const i of hiddenIntervals(grid, hidden, enough)) {
        const missing = enough - (i.above + i.below);
        if (missing <= 0) continue;
        const key = i.member.join(",");
        const before = narrow.get(key);
        if (!before || before.missing < missing) narrow.set(key, { member: i.member, missing });
      }
    }
    if (!narrow.size) break;
    let changed = false;
    for (const { member, missing } of narrow.values()) {
      const options = candidates(reference, hidden, member);
      if (!options.length) continue;
      // Inner cells before totals; among them the smallest that gives enough room, else the largest.
      const inner = options.filter((m) => !isMargin(reference, m));
      const pool = inner.length ? inner : options;
      const valueOf = (m: [number, number]) => Math.min(...grids.map((g) => g[m[0]]![m[1]]!));
      const sufficient = pool.filter((m) => valueOf(m) - 1 >= missing).sort((a, b) => valueOf(a) - valueOf(b));
      const pick = sufficient[0] ?? [...pool].sort((a, b) => valueOf(b) - valueOf(a))[0]!;
      if (hidden[pick[0]]![pick[1]]) continue;
      hidden[pick[0]]![pick[1]] = true;
      secondary++;
      changed = true;
    }
    if (!changed) {
      // Every line around the narrow members is hidden or empty: hide the remaining totals, which frees the network.
      let hid = false;
      for (let r = 0; r < reference.length; r++) {
        for (let c = 0; c < reference[0]!.length; c++) {
          if (!hidden[r]![c] && reference[r]![c]! > 0 && isMargin(reference, [r, c])) {
            hidden[r]![c] = true;
            secondary++;
            hid = true;
          }
        }
      }
      if (!hid) break;
    }
  }
  return { hidden, primary, secondary };
}

/**
 * For tests and audits: nothing visible describes 1 to `min − 1`, and every
 * hidden member of every measure has at least `min` possible values.
 */
export function isProtected(measures: Cells[], hidden: HiddenGrid, min = MIN_PEOPLE): boolean {
  for (const grid of measures.map(withMargins)) {
    for (let r = 0; r < grid.length; r++) for (let c = 0; c < grid[0]!.length; c++) if (!hidden[r]![c] && isSmall(grid[r]![c]!, min)) return false;
    if (hiddenIntervals(grid, hidden, min - 1).some((i) => i.above + i.below < min - 1)) return false;
  }
  return true;
}
