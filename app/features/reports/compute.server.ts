import type { TFunction } from "i18next";
import type { DbOrTrx } from "../../lib/db.server";
import { dateFormat, numberFormat } from "../../lib/i18n";
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

type Pair = { value: number | null; previous: number | null };
type Entries = { key: string; value: number }[];

const round1 = (n: number) => Math.round(n * 10) / 10;
const CHARTS: readonly ChartDef[] = AXES.flatMap((a) => a.sections.flatMap((s) => s.charts));

export function monthLabel(month: string, locale: string) {
  return dateFormat(locale, { month: "short", year: "numeric" }).format(new Date(`${month}-15T12:00:00Z`));
}

function figureIndicators(def: FigureDef): string[] {
  if (def.kind === "count") return [def.indicator];
  if (def.kind === "people") return def.indicators;
  if (def.kind === "first_time" || def.kind === "returning") return [def.indicator];
  return [];
}

/**
 * Every figure and chart of the dashboard for a period and filters, read
 * from the pre-aggregated tables: one query for the sources present, then
 * all the others at once. The yearly report calls the same function, so
 * both always agree.
 */
export async function computeDashboard(db: DbOrTrx, o: ComputeOptions): Promise<Omit<DashboardData, "options">> {
  const { period, filters, t, locale } = o;
  const previous = previousPeriod(period);
  const sources = await availableSources(db);
  const present = new Set(sources.flatMap((s) => [...s.counts, ...s.people]));
  const scope: q.StatsScope = { from: monthStart(period.from), to: monthStart(period.to), ...filters };
  const previousFrom = monthStart(previous.from);
  const currentMonths = monthsOf(period);
  const previousMonths = monthsOf(previous);
  const profileFiltered = !!(filters.commune || filters.audience);
  const live = (indicators: string[]) => indicators.filter((i) => present.has(i));
  const scopeAudience = filters.audience ?? "*";

  const isAvailable = (id: FigureId): boolean => {
    const def: FigureDef = FIGURES[id];
    if (def.kind === "ratio") return isAvailable(def.num as FigureId) && isAvailable(def.den as FigureId);
    if (def.kind === "live") return true;
    if (def.kind === "count" && !def.byProfile && profileFiltered) return false;
    if (def.kind === "people" && def.audience && filters.audience && def.audience !== filters.audience) return false;
    // People figures over several indicators (active learners) need one source; the others all of theirs.
    const indicators = figureIndicators(def);
    if (def.kind === "people") return indicators.some((i) => present.has(i)) && (!def.plusCount || present.has(def.plusCount));
    return indicators.every((i) => present.has(i));
  };

  // What to read: additive indicators (and which need their categories), people groups, chart extras.
  const countIndicators = new Set<string>();
  const withCategories = new Set<string>();
  const peopleGroups: q.PeopleGroup[] = [];
  const audiences = new Set([scopeAudience]);
  for (const id of Object.keys(FIGURES) as FigureId[]) {
    const def: FigureDef = FIGURES[id];
    if (def.kind === "count" && present.has(def.indicator)) {
      countIndicators.add(def.indicator);
      if (def.category) withCategories.add(def.indicator);
    }
    if (def.kind === "people" && isAvailable(id)) {
      peopleGroups.push({ key: id, indicators: live(def.indicators), category: def.category, audience: def.audience });
      if (def.plusCount) {
        countIndicators.add(def.plusCount);
        audiences.add(def.audience ?? scopeAudience);
      }
    }
  }
  const extras = new Map<string, Promise<Entries>>();
  for (const chart of CHARTS) {
    if (chart.kind === "monthly") {
      for (const id of chart.series) {
        const def: FigureDef = FIGURES[id];
        if (def.kind === "people" && def.perMonth && !filters.space && present.has(def.perMonth)) {
          countIndicators.add(def.perMonth);
          audiences.add(def.audience ?? scopeAudience);
        } else if (def.kind === "people" && isAvailable(id) && !extras.has(`month:${id}`)) {
          extras.set(
            `month:${id}`,
            q.peoplePerMonth(db, live(def.indicators), { ...scope, audience: def.audience ?? scope.audience }).then((rows) => rows.map((r) => ({ key: r.month, value: r.value }))),
          );
        }
      }
    } else if ("count" in chart.of && present.has(chart.of.count)) {
      if (chart.by === "category") {
        countIndicators.add(chart.of.count);
        withCategories.add(chart.of.count);
      } else if (chart.by === "space") {
        extras.set(chart.id, q.countBySpace(db, [chart.of.count], scope).then((rows) => rows.map((r) => ({ key: r.space, value: r.value }))));
      } else {
        extras.set(chart.id, q.countByProfile(db, chart.of.count, chart.by, scope));
      }
    } else if ("people" in chart.of && live(chart.of.people).length && chart.by !== "category") {
      const of = chart.of;
      const by = chart.by;
      extras.set(
        chart.id,
        Promise.all([
          q.peopleBy(db, live(of.people), by, scope),
          of.plusCount && by !== "space" && present.has(of.plusCount) ? q.countByProfile(db, of.plusCount, by, scope) : [],
        ]).then(([identified, anonymous]) => {
          const merged = new Map<string, number>();
          for (const e of [...identified, ...anonymous]) merged.set(e.key, (merged.get(e.key) ?? 0) + e.value);
          return [...merged].map(([key, value]) => ({ key, value }));
        }),
      );
    }
  }

  const [rows, peopleRows, split, publishedSpaces, spaces, states, extraEntries] = await Promise.all([
    q.countSeries(db, [...countIndicators], [...withCategories], { ...scope, from: previousFrom }, [...audiences]),
    q.peopleTotals(db, peopleGroups, scope, previousFrom),
    present.has("mediation.people") ? q.firstTimeSplit(db, "mediation.people", scope, previousFrom) : null,
    q.countPublishedSpaces(db),
    q.listSpaces(db),
    q.sourceStates(db),
    Promise.all([...extras].map(async ([key, p]) => [key, await p] as const)).then((list) => new Map(list)),
  ]);

  const sums = new Map<string, number>();
  for (const r of rows) sums.set(`${r.indicator}|${r.audience}|${r.category}|${r.month}`, r.value);
  const sumOver = (indicator: string, category: string, months: readonly string[], audience = scopeAudience) =>
    months.reduce((total, m) => total + (sums.get(`${indicator}|${audience}|${category}|${m}`) ?? 0), 0);
  const people = new Map(peopleRows.map((r) => [r.key, r]));
  const hours = (def: FigureDef) => (def.kind === "count" && def.unit === "hours" ? (n: number) => round1(n / 60) : (n: number) => n);

  const values = new Map<FigureId, Pair>();
  const valueOf = (id: FigureId): Pair => {
    const cached = values.get(id);
    if (cached) return cached;
    const def: FigureDef = FIGURES[id];
    let out: Pair = { value: null, previous: null };
    if (!isAvailable(id)) out = { value: null, previous: null };
    else if (def.kind === "count") {
      const category = def.category ?? "*";
      const scale = hours(def);
      out = { value: scale(sumOver(def.indicator, category, currentMonths)), previous: scale(sumOver(def.indicator, category, previousMonths)) };
    } else if (def.kind === "people") {
      const r = people.get(id);
      const plus = (months: readonly string[]) => (def.plusCount ? sumOver(def.plusCount, "*", months, def.audience ?? scopeAudience) : 0);
      out = { value: (r?.current ?? 0) + plus(currentMonths), previous: (r?.previous ?? 0) + plus(previousMonths) };
    } else if (def.kind === "first_time") {
      out = { value: split?.first_time ?? 0, previous: split?.previous_first_time ?? 0 };
    } else if (def.kind === "returning") {
      out = { value: split?.returning ?? 0, previous: split?.previous_returning ?? 0 };
    } else if (def.kind === "ratio") {
      const num = valueOf(def.num as FigureId);
      const den = valueOf(def.den as FigureId);
      const pct = (a: number | null, b: number | null) => (a === null || !b ? null : round1((100 * a) / b));
      out = { value: pct(num.value, den.value), previous: pct(num.previous, den.previous) };
    } else if (def.kind === "live") {
      out = { value: def.what === "spaces" ? publishedSpaces : DATASETS.length, previous: null };
    }
    values.set(id, out);
    return out;
  };

  // Charts: a table each (the accessible alternative and the CSV), and an SVG.
  const spaceNames = new Map(spaces.map((s) => [s.id, s.name]));
  const labelFor = (by: string, key: string, labels?: string) => {
    if (by === "space") return key ? (spaceNames.get(key) ?? key) : t("reports:labels.no_space");
    if (key === "") return t("reports:labels.not_recorded");
    if (labels) return t(`reports:categories.${labels}.${key}`, { defaultValue: key });
    return key;
  };

  const chartView = (chart: ChartDef): ChartView => {
    let table: ChartTable;
    let available: boolean;
    let notRecorded: ChartView["notRecorded"] = null;
    if (chart.kind === "monthly") {
      available = chart.series.every(isAvailable);
      const perSeries = chart.series.map((id) => {
        const def: FigureDef = FIGURES[id];
        if (!available) return new Map<string, number>();
        if (def.kind === "people") {
          const fromCounts = def.perMonth && !filters.space && present.has(def.perMonth);
          const perMonth = def.perMonth;
          const identified = fromCounts
            ? new Map(currentMonths.map((m) => [m, sumOver(perMonth!, "*", [m], def.audience ?? scopeAudience)]))
            : new Map((extraEntries.get(`month:${id}`) ?? []).map((e) => [e.key, e.value]));
          const plus = (m: string) => (def.plusCount ? sumOver(def.plusCount, "*", [m], def.audience ?? scopeAudience) : 0);
          return new Map(currentMonths.map((m) => [m, (identified.get(m) ?? 0) + plus(m)]));
        }
        if (def.kind === "count") return new Map(currentMonths.map((m) => [m, hours(def)(sumOver(def.indicator, def.category ?? "*", [m]))]));
        return new Map<string, number>();
      });
      table = {
        labelHeader: t("reports:labels.month"),
        columns: chart.series.map((id) => t(`reports:figures.${id}`)),
        rows: currentMonths.map((m) => ({ key: m, label: monthLabel(m, locale), values: perSeries.map((s) => s.get(m) ?? 0) })),
      };
    } else {
      const of = chart.of;
      available = "count" in of ? present.has(of.count) : live(of.people).length > 0;
      let entries: Entries = extraEntries.get(chart.id) ?? [];
      if (available && "count" in of && chart.by === "category") {
        const byCategory = new Map<string, number>();
        const inPeriod = new Set(currentMonths);
        for (const r of rows) {
          if (r.indicator !== of.count || r.audience !== scopeAudience || r.category === "*" || !inPeriod.has(r.month)) continue;
          byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.value);
        }
        entries = [...byCategory].map(([key, value]) => ({ key, value }));
      }
      entries = entries.filter((e) => e.value > 0).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
      if (chart.by === "audience" || chart.by === "commune") {
        // Before the top-N cut: the share of « Non renseigné » among everyone counted.
        const total = entries.reduce((sum, e) => sum + e.value, 0);
        notRecorded = { count: entries.find((e) => e.key === "")?.value ?? 0, total };
      }
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
      svg =
        chart.kind === "monthly"
          ? monthlyChart(table, { yLabel: t(`reports:charts.${chart.id}.value`), alt, locale })
          : breakdownChart(table, { alt, locale });
    }
    return { id: chart.id, kind: chart.kind, title, alt, svg, available, table, notRecorded };
  };

  const refreshed = states
    .filter((s) => s.refreshed_at && sources.some((src) => src.name === s.source))
    .map((s) => new Date(s.refreshed_at!).getTime());
  return {
    period,
    previous,
    filters,
    missingSources: SOURCES.filter((s) => !sources.includes(s)).map((s) => s.name),
    updatedAt: refreshed.length ? new Date(Math.min(...refreshed)).toISOString() : null,
    axes: AXES.map((axis) => ({
      id: axis.id,
      sections: axis.sections.map((section) => ({
        id: section.id,
        ref: section.ref,
        figures: section.figures.map((id): FigureValue => ({ id, unit: figureUnit(id), available: isAvailable(id), ...valueOf(id) })),
        charts: section.charts.map(chartView),
      })),
    })),
  };
}

/** A sentence or two that says what the chart shows, for screen readers and the figure caption. */
export function chartAlternative(kind: "monthly" | "breakdown", title: string, table: ChartTable, locale: string, t: TFunction): string {
  if (!table.rows.length || table.rows.every((r) => r.values.every((v) => v === 0))) return t("reports:alt.empty", { title });
  const fmt = (n: number) => numberFormat(locale).format(n);
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
