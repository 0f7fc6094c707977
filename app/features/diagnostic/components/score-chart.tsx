import { TableScroll } from "../../../components/ui/table-scroll";

export interface ScoreRow {
  label: string;
  /** 0..100, or null for "does not apply" (no bar). */
  percent: number | null;
  /** Shown at the end of the bar and in the table. */
  valueText: string;
  /** More table cells after the value (e.g. a level or a rating). */
  extra?: string[];
}

/**
 * A horizontal bar chart drawn on the server as SVG (no script), announced as
 * one image with a title and a description, followed by the same figures as
 * a table: the text alternative that screen readers and printouts use.
 */
export function ScoreChart({
  id,
  title,
  description,
  caption,
  headers,
  rows,
}: {
  id: string;
  title: string;
  description: string;
  caption: string;
  headers: string[];
  rows: ScoreRow[];
}) {
  const rowHeight = 52;
  const width = 600;
  const barX = 4;
  const barWidth = 480;
  const height = rows.length * rowHeight + 8;
  return (
    <figure className="score-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        className="score-chart-svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {rows.map((row, i) => {
          const y = i * rowHeight + 4;
          const w = row.percent === null ? 0 : Math.max(0, Math.min(100, row.percent)) * (barWidth / 100);
          return (
            <g key={row.label}>
              <text x={barX} y={y + 16} className="chart-label">
                {row.label}
              </text>
              <rect x={barX} y={y + 24} width={barWidth} height={20} rx={4} className="chart-track" />
              {w > 0 ? <rect x={barX} y={y + 24} width={w} height={20} rx={4} className="chart-bar" /> : null}
              <text x={barX + barWidth + 10} y={y + 40} className="chart-value">
                {row.valueText}
              </text>
            </g>
          );
        })}
      </svg>
      <TableScroll label={caption}>
        <table className="data-table score-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.valueText}</td>
                {row.extra?.map((cell, i) => <td key={i}>{cell}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
