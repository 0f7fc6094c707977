import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** `date` columns: written as 'YYYY-MM-DD' strings, read back as Dates. */
type DateColumn = ColumnType<Date, Date | string, Date | string>;

/** Additive counts per month and dimensions; '*' = every value, '' = not recorded. */
export interface StatsMonthlyTable {
  indicator: string;
  commune: string;
  audience: string;
  category: string;
  month: DateColumn;
  /** relay_space.id as text, '' when the activity had no place (online). */
  space: string;
  value: number;
}

/**
 * One row per person and profile (space, commune, audience, category), with
 * the months (first days, sorted) the person was active in: different people
 * over any month range are counted with an array overlap. Only people with
 * an account; anonymous profiles are additive counts in stats_monthly.
 */
export interface StatsPeopleTable {
  indicator: string;
  category: string;
  audience: string;
  commune: string;
  space: string;
  person: string;
  months: ColumnType<string[], string[], string[]>;
}

export interface StatsPersonFirstTable {
  indicator: string;
  person: string;
  first_month: DateColumn;
}

export interface StatsSourceStateTable {
  source: string;
  /** Rows changed after this instant have not been folded in yet. */
  watermark: Date;
  full_rebuild_at: Date;
  /** Last successful refresh; null while the source has never succeeded. */
  refreshed_at: Date | null;
  /** Last time a refresh actually changed something. */
  changed_at: Date;
  last_error: string | null;
  /** When the last failure happened; the next success clears it. */
  failed_at: Date | null;
  /** The reference of the failure, also in the log line, for coordinators to quote. */
  error_ref: string | null;
}

export interface OpendataFileTable {
  name: string;
  content_type: string;
  body: string;
  etag: string;
  modified_at: Date;
}

export type ReportJobStatus = "queued" | "running" | "done" | "failed";

export interface ReportJobTable {
  id: Generated<string>;
  year: number;
  locale: "fr" | "en";
  status: ColumnType<ReportJobStatus, ReportJobStatus | undefined, ReportJobStatus>;
  progress: ColumnType<number, number | undefined, number>;
  /** i18n key of the step in progress. */
  step: string | null;
  requested_by: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  /** A worker that claimed the job owns it until then; a crashed worker's claim lapses. */
  locked_until: Date | null;
  pdf_key: string | null;
  csv_key: string | null;
  page_count: number | null;
  error: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A computed dashboard view, valid while the aggregates keep the same version. */
export interface StatsDashboardCacheTable {
  key: string;
  version: string;
  /** The computed view, JSON. */
  data: string;
  created_at: Generated<Date>;
}

export interface ReportsTables {
  stats_monthly: StatsMonthlyTable;
  stats_people: StatsPeopleTable;
  stats_person_first: StatsPersonFirstTable;
  stats_source_state: StatsSourceStateTable;
  opendata_file: OpendataFileTable;
  report_job: ReportJobTable;
  stats_dashboard_cache: StatsDashboardCacheTable;
}

export type ReportJob = Selectable<ReportJobTable>;
export type NewReportJob = Insertable<ReportJobTable>;
