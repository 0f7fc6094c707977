import type { FigureId, Unit } from "./indicators";
import type { Period } from "./period";

/** The data behind one chart: also its accessible table and its CSV. */
export interface ChartTable {
  /** Header of the first column (month, theme, commune…). */
  labelHeader: string;
  /** One header per value column (the series). */
  columns: string[];
  /** Axis title of a breakdown chart. */
  valueLabel?: string;
  rows: { key: string; label: string; values: number[] }[];
}

export interface FigureValue {
  id: FigureId;
  unit: Unit;
  /** False when the source has not landed or the figure has no meaning under the current filters. */
  available: boolean;
  value: number | null;
  previous: number | null;
}

export interface ChartView {
  id: string;
  kind: "monthly" | "breakdown";
  title: string;
  /** Text alternative of the SVG (also its aria-label). */
  alt: string;
  svg: string | null;
  available: boolean;
  table: ChartTable;
  /** Breakdowns by audience or commune: how many of those counted have none recorded (« Non renseigné »). */
  notRecorded: { count: number; total: number } | null;
}

export interface SectionView {
  id: string;
  ref: string;
  figures: FigureValue[];
  charts: ChartView[];
}

export interface AxisView {
  id: string;
  sections: SectionView[];
}

export interface DashboardFilters {
  space?: string;
  commune?: string;
  audience?: string;
}

export interface DashboardData {
  period: Period;
  previous: Period;
  filters: DashboardFilters;
  axes: AxisView[];
  /** Oldest refresh among the sources shown, ISO string; null before the first refresh. */
  updatedAt: string | null;
  /** Sources whose tables are missing in this deployment. */
  missingSources: string[];
  options: {
    spaces: { id: string; name: string }[];
    communes: string[];
    audiences: readonly string[];
  };
}

/** A source whose figures are not current (see freshness.server.ts). */
export interface SourceWarning {
  source: string;
  /** Last successful refresh (ISO), null if it never succeeded. */
  refreshedAt: string | null;
  /** The last refresh failed: when, and the reference in the log line. */
  failedAt: string | null;
  errorRef: string | null;
}
