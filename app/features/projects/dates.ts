import { TIME_ZONE } from "../../lib/i18n";

/** Today in Europe/Paris as "YYYY-MM-DD" (a pupil's birthday does not start at midnight UTC). */
export function todayInParis(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Age of digital consent in France (loi Informatique et libertés, art. 45). */
export const CONSENT_AGE = 15;

/** True while the pupil has not had their 15th birthday (ISO strings compare as dates). */
export function isUnderConsentAge(birthDate: string, today: string): boolean {
  const year = Number(birthDate.slice(0, 4)) + CONSENT_AGE;
  return today < `${year}${birthDate.slice(4)}`;
}

/** A real calendar date "YYYY-MM-DD"? */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A birth date as a school writes it: JJ/MM/AAAA (also with - or .) or
 * AAAA-MM-JJ. Returns the ISO date, or null when it is not a real date or
 * not a plausible pupil's (aged 3 to 99 today).
 */
export function parseBirthDate(input: string, today: string): string | null {
  const value = input.trim();
  let iso: string | null = null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m) iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  if (!iso || !isIsoDate(iso)) return null;
  const year = Number(iso.slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  if (iso > today || year > thisYear - 3 || year < thisYear - 99) return null;
  return iso;
}

/** "2026-2027" for a date in the school year that starts in September. */
export function currentSchoolYear(today: string): string {
  const year = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}
