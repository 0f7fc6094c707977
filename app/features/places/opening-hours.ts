import OpeningHours from "opening_hours";
import { dateFormat, TIME_ZONE } from "../../lib/i18n";

/**
 * Opening hours in OpenStreetMap `opening_hours` syntax (the national schema's
 * `horaires`), parsed by the maintained `opening_hours` library.
 *
 * The library reads a Date's *local* fields. To evaluate in Europe/Paris
 * whatever the server's zone, we hand it a "wall-clock" Date whose local
 * fields are the Paris time, and read its answers back the same way.
 */

// French public holidays (`PH`) need a country and region.
const FRANCE = { lat: 49.3, lon: 2.6, address: { country_code: "fr", state: "Hauts-de-France" } };

export type HoursValidation = { ok: true; normalized: string } | { ok: false; detail: string };

/** Parses a value; a valid one comes back in the library's canonical spelling. */
export function validateOpeningHours(value: string, locale: "fr" | "en" = "fr"): HoursValidation {
  try {
    const hours = new OpeningHours(value.trim(), FRANCE, { locale, mode: 0 } as never);
    return { ok: true, normalized: hours.prettifyValue() };
  } catch (error) {
    return { ok: false, detail: String(error).replace(/\s+/g, " ").trim().slice(0, 300) };
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export function parisWallClock(instant: Date): WallClock & { second: number } {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function toLocalDate(w: WallClock & { second?: number }) {
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
}

/** A moment described in Paris wall-clock terms, relative to "today". */
export interface WallMoment {
  /** 0 = today, 1 = tomorrow… */
  dayOffset: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
}

export type OpeningStatus =
  | { state: "open"; closesAt: WallMoment | null }
  | { state: "closed"; opensAt: WallMoment | null }
  | { state: "unknown" };

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Open or closed at `now` in Paris, and when that changes within the coming week. */
export function openingStatus(value: string | null | undefined, now = new Date()): OpeningStatus {
  if (!value) return { state: "unknown" };
  const hours = parseHours(value);
  if (!hours) return { state: "unknown" };
  const wall = parisWallClock(now);
  const local = toLocalDate(wall);
  if (hours.getUnknown(local)) return { state: "unknown" };
  const open = hours.getState(local);
  const next = hours.getNextChange(local, new Date(local.getTime() + WEEK_MS));
  const moment = next ? toMoment(wall, next) : null;
  return open ? { state: "open", closesAt: moment } : { state: "closed", opensAt: moment };
}

function toMoment(today: WallClock, next: Date): WallMoment {
  const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m, d) / 86_400_000;
  return {
    dayOffset: dayNumber(next.getFullYear(), next.getMonth(), next.getDate()) - dayNumber(today.year, today.month - 1, today.day),
    weekday: next.getDay(),
    hour: next.getHours(),
    minute: next.getMinutes(),
  };
}

/** Whether the space is open at `now` (Paris time); unknown counts as not open. */
export function isOpenAt(value: string | null | undefined, now = new Date()) {
  return openingStatus(value, now).state === "open";
}

/** "18 h", "17 h 30" in French; "18:00" in English. */
export function formatWallTime(hour: number, minute: number, locale: string) {
  if (locale === "fr") return minute === 0 ? `${hour} h` : `${hour} h ${String(minute).padStart(2, "0")}`;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** Weekday names in the reader's language, Sunday first (as Date#getDay). */
export function weekdayName(weekday: number, locale: string) {
  // 2023-01-01 was a Sunday.
  return dateFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2023, 0, 1 + weekday)),
  );
}

/** A time of day in Paris; `hour` 24 with minute 0 means the end of the day. */
export interface WallTime {
  hour: number;
  minute: number;
}

/** The opening times of one weekday (0 = Sunday … 6 = Saturday). */
export interface DayHours {
  weekday: number;
  intervals: { from: WallTime; to: WallTime }[];
}

/**
 * Parsing is the costly part (a directory page parses every space's hours on
 * each request); a parsed value is only read afterwards, so each distinct
 * value is parsed once per process. Bounded: the values are the spaces' own.
 */
const parsed = new Map<string, OpeningHours | null>();

function parseHours(value: string | null | undefined) {
  if (!value) return null;
  if (parsed.has(value)) return parsed.get(value)!;
  let hours: OpeningHours | null;
  try {
    hours = new OpeningHours(value, FRANCE, { mode: 0 } as never);
  } catch {
    hours = null;
  }
  if (parsed.size >= 1000) parsed.clear();
  parsed.set(value, hours);
  return hours;
}

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

/**
 * The hours of the coming seven days (today included), Monday first: what a
 * visitor can rely on this week, holidays (`PH off`) and seasons included.
 * Null when there are no hours or the library cannot read them.
 */
export function weekOfHours(value: string | null | undefined, now = new Date()): DayHours[] | null {
  const hours = parseHours(value);
  if (!hours) return null;
  const today = parisWallClock(now);
  const days: DayHours[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const start = new Date(today.year, today.month - 1, today.day + offset);
    const end = new Date(today.year, today.month - 1, today.day + offset + 1);
    const intervals = hours.getOpenIntervals(start, end).map(([from, to]) => ({
      from: { hour: from.getHours(), minute: from.getMinutes() },
      to: to.getTime() >= end.getTime() ? { hour: 24, minute: 0 } : { hour: to.getHours(), minute: to.getMinutes() },
    }));
    days.push({ weekday: start.getDay(), intervals });
  }
  return days.sort((a, b) => MONDAY_FIRST.indexOf(a.weekday) - MONDAY_FIRST.indexOf(b.weekday));
}

/** Consecutive days with the same times, for « du lundi au jeudi : 9 h – 12 h ». Closed days are left out. */
export function groupDays(week: DayHours[]) {
  const groups: { first: number; last: number; intervals: DayHours["intervals"] }[] = [];
  const same = (a: DayHours["intervals"], b: DayHours["intervals"]) => JSON.stringify(a) === JSON.stringify(b);
  let previous: DayHours | null = null;
  for (const day of week) {
    const group = groups.at(-1);
    if (day.intervals.length && group && previous && same(previous.intervals, day.intervals)) group.last = day.weekday;
    else if (day.intervals.length) groups.push({ first: day.weekday, last: day.weekday, intervals: day.intervals });
    previous = day;
  }
  return groups;
}

export type RangeCheck = "inside" | "outside" | "unknown";

/**
 * Whether the place is open for the whole of [start, end) in Paris time:
 * open at the start and no change before the end. "unknown" when the place
 * has no hours the library can read (nothing to check against).
 */
export function openingHoursCover(value: string | null | undefined, start: Date, end: Date): RangeCheck {
  const hours = parseHours(value);
  if (!hours) return "unknown";
  const from = toLocalDate(parisWallClock(start));
  const to = toLocalDate(parisWallClock(end));
  if (hours.getUnknown(from) || !hours.getState(from)) return "outside";
  const change = hours.getNextChange(from, to);
  return change && change.getTime() < to.getTime() ? "outside" : "inside";
}
