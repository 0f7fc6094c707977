import { parse } from "csv-parse/sync";
import GLPK, { type GLPK as Solver, type LP } from "glpk.js/node";

/**
 * An attacker's audit of a published table file, independent of the code
 * that protected it: it reads the CSV exactly as published and, with an
 * integer-programming solver (GLPK), computes for every hidden value the
 * smallest and largest value consistent with everything the file says.
 *
 * What the attacker knows (decision 035): every published value; a detail
 * cell absent from the file is 0; a listed hidden cell is at least 1; rows,
 * columns and the grand total add up (the file says its totals are sums).
 */
export interface Finding {
  group: string;
  row: string;
  col: string;
  measure: "people" | "accompaniments";
  min: number;
  max: number;
}

export interface FileLayout {
  group: string;
  level: string;
  row: string;
  col: string;
  people: string;
  accompaniments: string;
}

/** The commune × theme file's columns. */
export const COMMUNE_THEME: FileLayout = {
  group: "mois",
  level: "niveau",
  row: "commune",
  col: "thematique",
  people: "personnes",
  accompaniments: "accompagnements",
};

/** The month × audience file's columns. */
export const MONTH_AUDIENCE: FileLayout = {
  group: "annee",
  level: "niveau",
  row: "mois",
  col: "public",
  people: "personnes",
  accompaniments: "accompagnements",
};

let solver: Promise<Solver> | undefined;

type Row = Record<string, string>;

export async function attackFile(csv: string, layout: FileLayout, { bound = 100_000 } = {}): Promise<{ findings: Finding[]; hidden: number }> {
  const glpk = await (solver ??= GLPK());
  const rows = parse(csv.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true, delimiter: [",", ";"] }) as Row[];
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row[layout.group]!;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row);
  }
  const findings: Finding[] = [];
  let hidden = 0;
  for (const [group, members] of groups) {
    const result = attackTable(glpk, group, members, layout, bound);
    findings.push(...result.findings);
    hidden += result.hidden;
  }
  return { findings, hidden };
}

function attackTable(glpk: Solver, group: string, members: Row[], layout: FileLayout, bound: number) {
  const lineOf = (row: Row) => row[layout.row] ?? "";
  const colOf = (row: Row) => row[layout.col] ?? "";
  const details = members.filter((m) => m[layout.level] === "detail");
  const rows = [...new Set(details.map(lineOf))];
  const cols = [...new Set(details.map(colOf))];
  const find = (level: string, row: string, col: string) =>
    members.find((m) => m[layout.level] === level && (level === "total_colonne" || level === "total" ? true : lineOf(m) === row) && (level === "total_ligne" || level === "total" ? true : colOf(m) === col));

  // One model for both measures. They are not linked cell by cell: a workshop is one
  // accompaniment for many people, and one person may come back many times.
  const vars: { name: string; row: string; col: string; level: string; measure: "people" | "accompaniments" }[] = [];
  const constraints: LP["subjectTo"] = [];
  const varName = (measure: string, level: string, row: string, col: string) => `${measure[0]}_${level}_${rows.indexOf(row)}_${cols.indexOf(col)}`;
  for (const measure of ["people", "accompaniments"] as const) {
    const field = layout[measure];
    // A term is either a known number or a variable named after its place.
    const term = (level: string, row: string, col: string): { value: number } | { name: string } => {
      const m = find(level, row, col);
      if (!m) return { value: 0 }; // absent: zero
      const text = m[field] ?? "";
      if (text !== "") return { value: Number(text.replace(",", ".")) };
      const name = varName(measure, level, row, col);
      if (!vars.some((v) => v.name === name)) vars.push({ name, row, col, level, measure });
      return { name };
    };
    const addSum = (name: string, parts: ReturnType<typeof term>[], total: ReturnType<typeof term>) => {
      const coefs = new Map<string, number>();
      let constant = 0;
      for (const p of parts) {
        if ("value" in p) constant += p.value;
        else coefs.set(p.name, (coefs.get(p.name) ?? 0) + 1);
      }
      if ("value" in total) constant -= total.value;
      else coefs.set(total.name, (coefs.get(total.name) ?? 0) - 1);
      if (!coefs.size) return;
      constraints.push({ name: `${measure}_${name}`, vars: [...coefs].map(([n, coef]) => ({ name: n, coef })), bnds: { type: glpk.GLP_FX, lb: -constant, ub: -constant } });
    };
    rows.forEach((r, i) => addSum(`row${i}`, cols.map((c) => term("detail", r, c)), term("total_ligne", r, "")));
    cols.forEach((c, j) => addSum(`col${j}`, rows.map((r) => term("detail", r, c)), term("total_colonne", "", c)));
    addSum("rows", rows.map((r) => term("total_ligne", r, "")), term("total", "", ""));
    addSum("cols", cols.map((c) => term("total_colonne", "", c)), term("total", "", ""));
  }
  const findings: Finding[] = [];
  if (!vars.length) return { findings, hidden: 0 };
  const bounds = vars.map((v) => ({ name: v.name, type: glpk.GLP_DB, lb: 1, ub: bound }));
  const generals = vars.map((v) => v.name);
  for (const v of vars) {
    const solve = (direction: number) =>
      glpk.solve(
        { name: group, objective: { direction, name: "z", vars: [{ name: v.name, coef: 1 }] }, subjectTo: constraints, bounds, generals },
        { msglev: glpk.GLP_MSG_OFF },
      ).result;
    const low = solve(glpk.GLP_MIN);
    const high = solve(glpk.GLP_MAX);
    if (low.status !== glpk.GLP_OPT || high.status !== glpk.GLP_OPT) throw new Error(`the published table ${group} is inconsistent (${v.name}: ${low.status}/${high.status})`);
    findings.push({ group, row: v.row, col: v.col, measure: v.measure, min: Math.round(low.vars[v.name]!), max: Math.round(high.vars[v.name]!) });
  }
  const hidden = vars.length;
  return { findings, hidden };
}

/** Hidden values a reader can place within fewer than `min` possible values. */
export const narrow = (findings: Finding[], min = 5) => findings.filter((f) => f.max - f.min + 1 < min);
