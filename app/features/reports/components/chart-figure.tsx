import { useTranslation } from "../../../lib/use-translation";
import { TableScroll } from "../../../components/ui/table-scroll";
import type { ChartView } from "../dashboard-types";
import { numberFormat } from "../../../lib/i18n";

/**
 * A server-rendered chart (inline SVG, role="img" with a text alternative),
 * its data as a table, and the same data as CSV.
 */
export function ChartFigure({ chart, csvHref }: { chart: ChartView; csvHref: string }) {
  const { t, i18n } = useTranslation("reports");
  const fmt = numberFormat(i18n.language, { maximumFractionDigits: 1 });
  const titleId = `chart-${chart.id}-title`;
  return (
    <figure className="chart" aria-labelledby={titleId} data-chart={chart.id}>
      <figcaption>
        <h4 id={titleId}>{chart.title}</h4>
      </figcaption>
      {chart.svg && chart.kind === "monthly" && chart.table.columns.length > 1 ? (
        <ul className="chart-legend">
          {chart.table.columns.map((c, i) => (
            <li key={c}>
              <span className={`swatch swatch-${i % 4}`} /> {c}
            </li>
          ))}
        </ul>
      ) : null}
      {chart.svg ? (
        // Plot's SVG, built on the server from our own figures (text escaped by the DOM serialiser).
        <div className="chart-image" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      ) : (
        <p className="hint">{chart.available ? t("chart.no_data") : t("figure.not_available_hint")}</p>
      )}
      {chart.notRecorded && chart.notRecorded.total > 0 ? (
        <p className="chart-not-recorded" data-not-recorded>
          {t("chart.not_recorded_share", {
            percent: numberFormat(i18n.language, { maximumFractionDigits: 0 }).format((100 * chart.notRecorded.count) / chart.notRecorded.total),
            n: fmt.format(chart.notRecorded.count),
            total: fmt.format(chart.notRecorded.total),
          })}
        </p>
      ) : null}
      {chart.table.rows.length ? (
        <details className="chart-data">
          <summary>{t("chart.show_table", { title: chart.title })}</summary>
          <TableScroll label={chart.title}>
            <table className="data-table">
              <caption className="visually-hidden">{chart.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{chart.table.labelHeader}</th>
                  {chart.table.columns.map((c) => (
                    <th key={c} scope="col" className="number">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chart.table.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {row.values.map((v, i) => (
                      <td key={i} className="number">
                        {fmt.format(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}
      {chart.available ? (
        <p className="chart-download">
          <a href={csvHref} download>
            {t("chart.download")}
            <span className="visually-hidden"> — {chart.title}</span>
          </a>
        </p>
      ) : null}
    </figure>
  );
}
