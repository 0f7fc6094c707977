import type { TFunction } from "i18next";
import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { cachedDashboard } from "./cache.server";
import { SPREADSHEET_CSV, toCsv, type CsvValue } from "../../lib/csv";
import { changePercent } from "./format";
import type { DashboardData, DashboardFilters } from "./dashboard-types";
import type { FigureId } from "./indicators";
import { defaultPeriod, type Period } from "./period";
import { staleSources } from "./freshness.server";
import { refreshStats } from "./refresh.server";
import { publishActivityAggregates } from "../opendata/aggregates.server";
import { dashboardQuery } from "./schemas";

/** Dashboards and reports are for the community's coordinators. */
export function requireReportReader(actor: User) {
  if (!can(actor, "read:report:any")) throw forbidden();
}

export interface Translator {
  t: TFunction;
  locale: string;
}

/** Period and filters from the query string; invalid fields fall back to defaults and are reported. */
export function readDashboardQuery(params: URLSearchParams, now = new Date()) {
  const raw = Object.fromEntries(["debut", "fin", "lieu", "commune", "public"].map((k) => [k, params.get(k) ?? undefined]));
  const parsed = dashboardQuery.safeParse(raw);
  const fallback = defaultPeriod(now);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { period: fallback, filters: {} as DashboardFilters, errors, raw };
  }
  const v = parsed.data;
  let period: Period = { from: v.debut ?? fallback.from, to: v.fin ?? fallback.to };
  if (period.from > period.to) period = fallback;
  const filters: DashboardFilters = { space: v.lieu, commune: v.commune, audience: v.public };
  return { period, filters, errors: null, raw };
}

export async function showDashboard(db: Db, actor: User, params: URLSearchParams, { t, locale }: Translator) {
  requireReportReader(actor);
  const { period, filters, errors, raw } = readDashboardQuery(params);
  const [{ cached: _cached, ...dashboard }, warnings] = await Promise.all([cachedDashboard(db, { period, filters, t, locale }), staleSources(db)]);
  return { dashboard, errors, raw, warnings };
}

const slug = (period: Period) => `${period.from}_${period.to}`;

/**
 * One table of the dashboard as CSV: a chart's data (by chart id) or every
 * figure with the previous period and the change ("indicateurs").
 */
export async function exportDashboardTable(db: Db, actor: User, params: URLSearchParams, tableId: string, { t, locale }: Translator) {
  requireReportReader(actor);
  const { period, filters, errors } = readDashboardQuery(params);
  if (errors) throw notFound();
  const data = await cachedDashboard(db, { period, filters, t, locale });
  if (tableId === "indicateurs") {
    return { filename: `indicateurs_${slug(period)}.csv`, body: figuresCsv(data, t) };
  }
  const chart = data.axes.flatMap((a) => a.sections.flatMap((s) => s.charts)).find((c) => c.id === tableId);
  if (!chart) throw notFound();
  const body = toCsv([[chart.table.labelHeader, ...chart.table.columns], ...chart.table.rows.map((r) => [r.label, ...r.values])], SPREADSHEET_CSV);
  return { filename: `${tableId}_${slug(period)}.csv`, body };
}

/** Every figure, grouped by axis and section, with the previous period and the change. */
export function figuresCsv(data: Omit<DashboardData, "options">, t: TFunction) {
  return toCsv(figuresTable(data, t), SPREADSHEET_CSV);
}

/** The rows of figuresCsv, header first (the yearly report's file starts with them). */
export function figuresTable(data: Omit<DashboardData, "options">, t: TFunction): CsvValue[][] {
  const rows: CsvValue[][] = [];
  for (const axis of data.axes) {
    for (const section of axis.sections) {
      for (const f of section.figures) {
        rows.push([
          t(`reports:axes.${axis.id}.short`),
          section.ref,
          t(`reports:sections.${section.id}.title`),
          f.id,
          t(`reports:figures.${f.id as FigureId}`),
          t(`reports:units.${f.unit}`),
          f.available ? f.value : null,
          f.available ? f.previous : null,
          f.available ? changePercent(f.value, f.previous) : null,
        ]);
      }
    }
  }
  return [
    [
      t("reports:csv.axis"),
      t("reports:csv.ref"),
      t("reports:csv.section"),
      t("reports:csv.code"),
      t("reports:csv.figure"),
      t("reports:csv.unit"),
      t("reports:csv.value", { from: data.period.from, to: data.period.to }),
      t("reports:csv.previous", { from: data.previous.from, to: data.previous.to }),
      t("reports:csv.change"),
    ],
    ...rows,
  ];
}

/** "Update now": folds the latest activity into the aggregates and republishes the open data. */
export async function refreshNow(db: Db, actor: User) {
  requireReportReader(actor);
  const results = await refreshStats(db);
  await publishActivityAggregates(db);
  return results;
}
