import { DateTime } from "luxon";
import { TIME_ZONE } from "./i18n";

export type ParisWallClock = { ok: true; instant: Date } | { ok: false; reason: "invalid" | "dst_gap" };

/**
 * A date and time typed in Paris wall-clock time (`2027-03-28`, `14:30`) → the instant.
 * On the last Sunday of March the clocks jump from 02:00 to 03:00: 02:30 does
 * not exist that night. Luxon would quietly move it an hour later; we say so
 * instead, so the form can tell the person what is really wrong.
 */
export function parisWallClock(date: string, hhmm: string): ParisWallClock {
  const typed = `${date}T${hhmm}`;
  const dt = DateTime.fromISO(typed, { zone: TIME_ZONE });
  if (!dt.isValid) return { ok: false, reason: "invalid" };
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== typed) return { ok: false, reason: "dst_gap" };
  return { ok: true, instant: dt.toJSDate() };
}
