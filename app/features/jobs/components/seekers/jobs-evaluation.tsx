import { formatNumber } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import { TableScroll } from "../../../../components/ui/table-scroll";
import type { ProtectedTable } from "../../evaluation.server";

/**
 * The axis III.4 tables of the dashboard, month by month, with the cells
 * statistical secrecy hides shown as « masqué » (decision 046, after 035).
 */
export function JobsEvaluation({ tables, monthLabels }: { tables: ProtectedTable[]; monthLabels: Record<string, string> }) {
  const { t, i18n } = useTranslation("jobseekers");
  return (
    <section aria-labelledby="jobs-evaluation-title" className="report-section jobs-evaluation">
      <h4 id="jobs-evaluation-title">{t("evaluation.title")}</h4>
      <p className="hint">{t("evaluation.intro")}</p>
      {tables.map((table) => {
        // A one-column table's row total repeats the cell: not shown.
        const withTotals = table.id !== "seekers";
        const columnLabel = (c: string) => (table.id === "offers" ? t(`jobs:sectors.${c}`) : table.id === "outcomes" ? t(`status.${c}`) : t(`evaluation.${c}`));
        return (
          <TableScroll key={table.id} label={t(`evaluation.${table.id}`)}>
            <table>
              <caption>{t(`evaluation.${table.id}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("evaluation.month")}</th>
                  {table.columns.map((c) => (
                    <th key={c} scope="col">
                      {columnLabel(c)}
                    </th>
                  ))}
                  {withTotals ? <th scope="col">{t("evaluation.total")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr>
                    <td colSpan={2}>{t("evaluation.empty")}</td>
                  </tr>
                ) : null}
                {table.rows.map((row) => (
                  <tr key={row.month ?? "total"}>
                    <th scope="row">{row.month ? (monthLabels[row.month] ?? row.month) : t("evaluation.total")}</th>
                    {(withTotals ? row.cells : row.cells.slice(0, table.columns.length)).map((v, i) => (
                      <td key={i}>{v === null ? <em>{t("evaluation.hidden")}</em> : formatNumber(v, i18n.language)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {table.hiddenCount ? <p className="hint">{t("evaluation.hidden_count", { count: table.hiddenCount })}</p> : null}
          </TableScroll>
        );
      })}
    </section>
  );
}
