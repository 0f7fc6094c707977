import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { protectTable, withMargins } from "../reports/anonymise";
import { monthsOf, type Period } from "../reports/period";
import * as q from "./seekers-queries.server";

/**
 * Axis III.4 of the dashboard (issue 20, decision 046): offers published by
 * sector, job seekers with a profile, interest expressed and outcomes
 * declared, month by month. These are about job seekers of a small
 * territory, so unlike the rest of the coordinators' dashboard they are
 * published with the statistical secrecy of decision 035: each table goes
 * through the reports domain's protectTable (cells of 1 to 4 hidden, then
 * enough others that none can be worked out from the totals).
 */
export interface ProtectedTable {
  id: "offers" | "seekers" | "outcomes";
  columns: string[];
  /** One row per month, then the totals row; each line ends with its total. */
  rows: { month: string | null; cells: (number | null)[] }[];
  hiddenCount: number;
}

export const OUTCOMES = ["interview", "not_retained", "hired"] as const;

export function protect(id: ProtectedTable["id"], months: string[], columns: string[], counts: { month: string; key: string; n: number }[]): ProtectedTable {
  const cells = months.map((m) => columns.map((c) => counts.find((x) => x.month === m && x.key === c)?.n ?? 0));
  if (!columns.length) return { id, columns, rows: [], hiddenCount: 0 };
  const { hidden } = protectTable([cells]);
  // The same layout as `hidden`: cells with their row total, then the totals row.
  const grid = withMargins(cells);
  return {
    id,
    columns,
    rows: grid.map((line, r) => ({ month: months[r] ?? null, cells: line.map((v, c) => (hidden[r]![c] ? null : v)) })),
    hiddenCount: hidden.flat().filter(Boolean).length,
  };
}

export async function getJobsEvaluation(db: DbOrTrx, actor: User, period: Period): Promise<ProtectedTable[]> {
  if (!can(actor, "read:report:any")) throw forbidden();
  const months = monthsOf(period);
  const [offers, profiles, interest, outcomes] = await Promise.all([
    q.offersPublishedByMonth(db, period.from, period.to),
    q.profilesByMonth(db, period.from, period.to),
    q.interestByMonth(db, period.from, period.to),
    q.outcomesByMonth(db, period.from, period.to),
  ]);
  const sectors = [...new Set(offers.map((o) => o.key))].sort();
  return [
    protect("offers", months, sectors, offers),
    // Two measures side by side (a profile and an application are different things): each its own one-column table.
    ...mergeSideBySide(protect("seekers", months, ["profiles"], profiles), protect("seekers", months, ["interest"], interest)),
    protect("outcomes", months, [...OUTCOMES], outcomes),
  ];
}

/** Shows two independently protected one-column tables as one (no row total across different measures). */
function mergeSideBySide(a: ProtectedTable, b: ProtectedTable): ProtectedTable[] {
  return [
    {
      id: a.id,
      columns: [...a.columns, ...b.columns],
      rows: a.rows.map((row, r) => ({ month: row.month, cells: [row.cells[0]!, b.rows[r]!.cells[0]!] })),
      hiddenCount: a.hiddenCount + b.hiddenCount,
    },
  ];
}
