import type { TFunction } from "i18next";
import { numberFormat } from "../../lib/i18n";
import type { FigureValue } from "./dashboard-types";

/** Change from `previous` to `value` in percent (one decimal), null when there is nothing to compare with. */
export function changePercent(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return Math.round(((value - previous) / previous) * 1000) / 10;
}

/**
 * A figure as people read it, through Intl in the reader's language: counts
 * as whole numbers ("1 234"), hours and percentages to one decimal, rounded
 * half away from zero ("12,5 h", "45 %"); null → "n/a" in the caller's words.
 */
export function formatFigure(f: Pick<FigureValue, "unit">, value: number | null, locale: string, t: TFunction, missing: string) {
  if (value === null) return missing;
  // Counts (people, accompaniments…) are whole numbers: never "0,5 personne".
  const n = numberFormat(locale, { maximumFractionDigits: f.unit === "count" ? 0 : 1 }).format(value);
  if (f.unit === "hours") return t("reports:format.hours", { value: n });
  if (f.unit === "percent") return t("reports:format.percent", { value: n });
  return n;
}

/** "+12,5 %", "-3 %", or "-" when there is no comparison. */
export function formatChange(value: number | null, previous: number | null, locale: string, t: TFunction) {
  const pct = changePercent(value, previous);
  if (pct === null) return "-";
  const n = numberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(pct));
  return `${pct > 0 ? "+" : pct < 0 ? "-" : ""}${t("reports:format.percent", { value: n })}`;
}
