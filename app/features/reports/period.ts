/**
 * Periods are whole months (YYYY-MM), inclusive at both ends: indicators
 * are pre-aggregated per month, and counts of different people are exact
 * only over whole months (see docs/decisions: aggregation design).
 */
export interface Period {
  from: string;
  to: string;
}

export const MAX_MONTHS = 60;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  const m = MONTH.exec(value);
  return !!m && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

function toIndex(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return y * 12 + (m - 1);
}

function fromIndex(index: number) {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

export function addMonths(month: string, count: number) {
  return fromIndex(toIndex(month) + count);
}

export function monthCount(period: Period) {
  return toIndex(period.to) - toIndex(period.from) + 1;
}

export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  for (let i = toIndex(period.from); i <= toIndex(period.to); i++) out.push(fromIndex(i));
  return out;
}

/** The month of a date in the community's time zone. */
export function parisMonth(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit" }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}`;
}

/** The last 12 months, this one included. */
export function defaultPeriod(now = new Date()): Period {
  const to = parisMonth(now);
  return { from: addMonths(to, -11), to };
}

/** The same number of months, just before. */
export function previousPeriod(period: Period): Period {
  const length = monthCount(period);
  return { from: addMonths(period.from, -length), to: addMonths(period.from, -1) };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01`, to: `${year}-12` };
}

/** First day of a month, as the `date` the stats tables store. */
export const monthStart = (month: string) => `${month}-01`;
