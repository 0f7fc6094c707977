import type { TFunction } from "i18next";
import type { DbOrTrx } from "../../lib/db.server";
import { formatDate, formatNumber } from "../../lib/i18n";
import { DATASETS } from "../opendata/catalogue";
import { breakdownChart, monthlyChart } from "./charts.server";
import type { ChartTable, ChartView, DashboardData, DashboardFilters, FigureValue } from "./dashboard-types";
import { AXES, FIGURES, figureUnit, type ChartDef, type FigureDef, type FigureId } from "./indicators";
import { monthStart, monthsOf, previousPeriod, type Period } from "./period";
import * as q from "./queries.server";
import { availableSources, SOURCES } from "./refresh.server";

export interface ComputeOptions {
  period: Period;
  filters: DashboardFilters;
  t: TFunction;
  locale: string;
  /** Render the SVG charts (the CSV export and the PDF only need the tables). */
  charts?: boolean;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function monthLabel(month: string, locale: string) {
  return formatDate(`${month}-15T12:00:00Z`, locale, { month: "short", year: "numeric" });
}

function figureIndicators(def: FigureDef): string[] {
  if (def.kind === "count") return [def.indicator];
  if (def.kind === "people") return def.indicators;
  if (def.kind === "first_time" || def.kind === "returning") return [def.indicator];
  return [];
}

/**
 * Every figure and chart of the dashboard for a period and filters, read
 * from the pre-aggregated tables in a handful of queries. The yearly report
 * calls the same function, so both always agree.
 */
export async function computeDashboard(db: DbOrTrx, o: ComputeOptions): Promise<Omit<DashboardData, "options">> {
  const { period, filters, t, locale } = o;
  const previous = previousPeriod(period);
  const sources = await availableSources(db);
  const present = new Set(sources.flatMap((s) => [...s.counts, ...s.people]));
  const missingSources = SOURCES.filter((s) => !sources.includes(s)).map((s) => s.name);
  const scope: q.StatsScope = { from: monthStart(period.from), to: monthStart(period.to), ...filters };
  const currentMonths = monthsOf(period);
  const previousMonths = new Set(monthsOf(previous));
  const profileFiltered = !!(filters.commune || filters.audience);

  const isAvailable = (id: FigureId): boolean => {
    const def: FigureDef = FIGURES[id];
    if (def.kind === "ratio") return isAvailable(def.num as FigureId) && isAvailable(def.den as FigureId);
    if (def.kind === "live") return true;
    if (def.kind === "count" && !def.byProfile && profileFiltered) return false;
    if (def.kind === "people" && def.audience && filters.audience && def.audience !== filters.audience) return false;
    // People figures over several indicators (active learners) need at least one source; others all.
    const indicators = figureIndicators(def);
    return def.kind === "people" ? indicators.some((i) => present.has(i)) : indicators.every((i) => present.has(i));
  };

  // 1. Additive indicators, both periods, every month and the categories some charts need.
  const charts: ChartDef[] = AXES.flatMap((a) => a.sections.flatMap((s) => s.charts));
  const countIndicators = new Set<string>();
  const withCategories = new Set<string>();
  for (const id of Object.keys(FIGURES) as FigureId[]) {
    const def: FigureDef = FIGURES[id];
    if (def.kind !== "count" || !present.has(def.indicator)) continue;
    countIndicators.add(def.indicator);
    if (def.category) withCategories.add(def.indicator);
  }
  for (const chart of charts) {
    if (chart.kind === "breakdown" && "count" in chart.of && chart.by === "category" && present.has(chart.of.count)) {
      countIndicators.add(chart.of.count);
      withCategories.add(chart.of.count);
    }
  }
  const rows = await q.countSeries(db, [...countIndicators], [...withCategories], { ...scope, from: monthStart(previous.from) });
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(`${r.indicator}|${r.category}|${r.month}`, r.value);
  const sumOver = (indicator: string, category: string, months: Iterable<string>) => {
    let total = 0;
    for (const m of months) total += sums.get(`${indicator}|${category}|${m}`) ?? 0;
    return total;
  };

  // 2. Different people, both periods, one round trip.
  const peopleGroups: q.PeopleGroup[] = [];
  for (const id of Object.keys(FIGURES) as FigureId[]) {
    const def: FigureDef = FIGURES[id];
    if (def.kind !== "people" || !isAvailable(id)) continue;
    peopleGroups.push({ key: id, indicators: def.indicators.filter((i) => present.has(i)), category: def.category, audience: def.audience });
  }
  const people = new Map((await q.peopleTotals(db, peopleGroups, scope, monthStart(previous.from))).map((r) => [r.key, r]));

  // 3. First-time vs returning.
  const split = present.has("mediation.people")
    ? {
        current: await q.firstTimeSplit(db, "mediation.people", scope),
        previous: await q.firstTimeSplit(db, "mediation.people", { ...scope, from: monthStart(previous.from), to: monthStart(previous.to) }),
      }
    : null;

  const publishedSpaces = await q.countPublishedSpaces(db);

  const values = new Map<FigureId, { value: number | null; previous: number | null }>();
  const valueOf = (id: FigureId): { value: number | null; previous: number | null } => {
    const cached = values.get(id);
    if (cached) return cached;
    const def: FigureDef = FIGURES[id];
    let out: { value: number | null; previous: number | null } = { value: null, previous: null };
    if (!isAvailable(id)) out = { value: null, previous: null };
    else if (def.kind === "count") {
      const category = def.category ?? "*";
      const scale = def.unit === "hours" ? (n: number) => round1(n / 60) : (n: number) => n;
      out = { value: scale(sumOver(def.indicator, category, currentMonths)), previous: scale(sumOver(def.indicator, category, previousMonths)) };
    } else if (def.kind === "people") {
      const r = people.get(id);
      out = { value: r?.current ?? 0, previous: r?.previous ?? 0 };
    } else if (def.kind === "first_time") {
      out = { value: split?.current.first_time ?? 0, previous: split?.previous.first_time ?? 0 };
    } else if (def.kind === "returning") {
      out = { value: split?.current.returning ?? 0, previous: split?.previous.returning ?? 0 };
    } else if (def.kind === "ratio") {
      const num = valueOf(def.num as FigureId);
      const den = valueOf(def.den as FigureId);
      const pct = (a: number | null, b: number | null) => (a === null || !b ? null : round1((100 * a) / b));
      out = { value: pct(num.value, den.value), previous: pct(num.previous, den.previous) };
    } else if (def.kind === "live") {
      const n = def.what === "spaces" ? publishedSpaces : DATASETS.length;
      out = { value: n, previous: null };
    }
    values.set(id, out);
    return out;
  };

  // 4. Charts: a table each (the accessible alternative and the CSV), and an SVG.
  const spaceNames = new Map((await q.listSpaces(db)).map((s) => [s.id, s.name]));
  const labelFor = (by: string, key: string, labels?: string) => {
    if (by === "space") return key ? spaceNames.get(key) ?? key : t("reports:labels.no_space");
    if (key === "") return t("reports:labels.not_recorded");
    if (labels) return t(`reports:categories.${labels}.${key}`, { defaultValue: key });
    return key;
  };

  const chartViews = new Map<string, ChartView>();
  for (const chart of charts) {
    let table: ChartTable;
    let available: boolean;
    if (chart.kind === "monthly") {
      available = chart.series.every(isAvailable);
      const columns = chart.series.map((id) => t(`reports:figures.${id}`));
      const perSeries = await Promise.all(
        chart.series.map(async (id) => {
          const def: FigureDef = FIGURES[id];
          if (!available) return new Map<string, number>();
          if (def.kind === "people") {
            const monthly = await q.peoplePerMonth(db, def.indicators.filter((i) => present.has(i)), { ...scope, audience: def.audience ?? scope.audience });
            return new Map(monthly.map((r) => [r.month, r.value]));
          }
          if (def.kind === "count") {
            const scale = def.unit === "hours" ? (n: number) => round1(n / 60) : (n: number) => n;
            return new Map(currentMonths.map((m) => [m, scale(sumOver(def.indicator, def.category ?? "*", [m]))]));
          }
          return new Map<string, number>();
        }),
      );
      table = {
        labelHeader: t("reports:labels.month"),
        columns,
        rows: currentMonths.map((m) => ({ key: m, label: monthLabel(m, locale), values: perSeries.map((s) => s.get(m) ?? 0) })),
      };
    } else {
      const of = chart.of;
      const indicators = "count" in of ? [of.count] : of.people;
      available = "count" in of ? present.has(of.count) : indicators.some((i) => present.has(i));
      let entries: { key: string; value: number }[] = [];
      if (available && "count" in of && chart.by === "category") {
        const byCategory = new Map<string, number>();
        for (const r of rows) {
          if (r.indicator !== of.count || r.category === "*" || !currentMonths.includes(r.month)) continue;
          byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.value);
        }
        entries = [...byCategory].map(([key, value]) => ({ key, value }));
      } else if (available && "count" in of && chart.by === "space") {
        entries = (await q.countBySpace(db, [of.count], scope)).map((r) => ({ key: r.space, value: r.value }));
      } else if (available && "people" in of && chart.by !== "category") {
        entries = (await q.peopleBy(db, indicators.filter((i) => present.has(i)), chart.by, scope)).map((r) => ({ key: r.key, value: r.value }));
      }
      entries = entries.filter((e) => e.value > 0).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
      if (chart.top) entries = entries.slice(0, chart.top);
      const valueLabel = t(`reports:charts.${chart.id}.value`);
      table = {
        labelHeader: t(`reports:charts.${chart.id}.by`),
        columns: [valueLabel],
        valueLabel,
        rows: entries.map((e) => ({ key: e.key, label: labelFor(chart.by, e.key, chart.labels), values: [e.value] })),
      };
    }
    const title = t(`reports:charts.${chart.id}.title`);
    const alt = chartAlternative(chart.kind, title, table, locale, t);
    const hasData = table.rows.some((r) => r.values.some((v) => v > 0));
    let svg: string | null = null;
    if (o.charts !== false && available && hasData) {
      svg = chart.kind === "monthly" ? monthlyChart(table, { yLabel: t(`reports:charts.${chart.id}.value`), alt }) : breakdownChart(table, { alt });
    }
    chartViews.set(chart.id, { id: chart.id, kind: chart.kind, title, alt, svg, available, table });
  }

  const states = await q.sourceStates(db);
  const refreshed = states
    .filter((s) => sources.some((src) => src.name === s.source))
    .map((s) => new Date(s.refreshed_at).getTime());

  return {
    period,
    previous,
    filters,
    missingSources,
    updatedAt: refreshed.length ? new Date(Math.min(...refreshed)).toISOString() : null,
    axes: AXES.map((axis) => ({
      id: axis.id,
      sections: axis.sections.map((section) => ({
        id: section.id,
        ref: section.ref,
        figures: section.figures.map(
          (id): FigureValue => ({ id, unit: figureUnit(id), available: isAvailable(id), ...valueOf(id) }),
        ),
        charts: section.charts.map((c) => chartViews.get(c.id)!),
      })),
    })),
  };
}

/** A sentence or two that says what the chart shows, for screen readers and the figure caption. */
export function chartAlternative(kind: "monthly" | "breakdown", title: string, table: ChartTable, locale: string, t: TFunction): string {
  if (!table.rows.length || table.rows.every((r) => r.values.every((v) => v === 0))) return t("reports:alt.empty", { title });
  const fmt = (n: number) => formatNumber(n, locale);
  if (kind === "monthly") {
    const parts = table.columns.map((column, i) => {
      const total = table.rows.reduce((sum, r) => sum + (r.values[i] ?? 0), 0);
      const best = table.rows.reduce((a, b) => ((b.values[i] ?? 0) > (a.values[i] ?? 0) ? b : a));
      return t("reports:alt.monthly_series", { series: column, total: fmt(total), max: fmt(best.values[i] ?? 0), month: best.label });
    });
    return `${t("reports:alt.monthly", { title, from: table.rows[0]!.label, to: table.rows.at(-1)!.label })} ${parts.join(" ")} ${t("reports:alt.see_table")}`;
  }
  const top = table.rows
    .slice(0, 3)
    .map((r) => `${r.label} (${fmt(r.values[0] ?? 0)})`)
    .join(", ");
  return `${t("reports:alt.breakdown", { title, count: table.rows.length, top })} ${t("reports:alt.see_table")}`;
}
