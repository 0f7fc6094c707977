import { afterEach, describe, expect, it } from "vitest";
import { formatWallTime, isOpenAt, openingStatus, validateOpeningHours, weekdayName } from "./opening-hours";

const HOURS = "Tu-Fr 10:00-12:00,14:00-18:00; Sa 10:00-17:00";
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("opening hours", () => {
  it("validates with the opening_hours library and normalises the spelling", () => {
    expect(validateOpeningHours("Mo-Fr 09:00-12:00; PH off")).toEqual({ ok: true, normalized: "Mo-Fr 09:00-12:00; PH off" });
    expect(validateOpeningHours("lundi 9h-12h")).toEqual({ ok: true, normalized: "Mo 09:00-12:00" });
    expect(validateOpeningHours("Tu 10:00-").ok).toBe(false);
    expect(validateOpeningHours("").ok).toBe(false);
  });

  // Tuesday 1 December 2026 (winter: Paris = UTC+1).
  it.each([
    ["2026-12-01T09:30:00Z", { state: "open", closesAt: { dayOffset: 0, weekday: 2, hour: 12, minute: 0 } }],
    ["2026-12-01T11:30:00Z", { state: "closed", opensAt: { dayOffset: 0, weekday: 2, hour: 14, minute: 0 } }],
    ["2026-11-30T09:30:00Z", { state: "closed", opensAt: { dayOffset: 1, weekday: 2, hour: 10, minute: 0 } }],
    ["2026-12-05T16:30:00Z", { state: "closed", opensAt: { dayOffset: 3, weekday: 2, hour: 10, minute: 0 } }],
  ])("at %s in Paris time", (iso, expected) => {
    expect(openingStatus(HOURS, new Date(iso))).toEqual(expected);
  });

  it("uses Paris time in summer too, whatever the server's time zone", () => {
    for (const tz of ["UTC", "America/New_York", "Asia/Tokyo"]) {
      process.env.TZ = tz;
      // Tuesday 7 July 2026 at 09:30 in Paris = 07:30 UTC (summer: UTC+2): closed, opens at 10:00.
      expect(openingStatus(HOURS, new Date("2026-07-07T07:30:00Z")), tz).toEqual({
        state: "closed",
        opensAt: { dayOffset: 0, weekday: 2, hour: 10, minute: 0 },
      });
      expect(isOpenAt(HOURS, new Date("2026-07-07T08:30:00Z")), tz).toBe(true);
    }
  });

  it("says unknown when there are no hours or they do not parse", () => {
    expect(openingStatus(null)).toEqual({ state: "unknown" });
    expect(openingStatus("n'importe quoi")).toEqual({ state: "unknown" });
    expect(isOpenAt(undefined)).toBe(false);
  });

  it("writes times and days the French way", () => {
    expect(formatWallTime(18, 0, "fr")).toBe("18 h");
    expect(formatWallTime(17, 30, "fr")).toBe("17 h 30");
    expect(formatWallTime(9, 5, "en")).toBe("09:05");
    expect(weekdayName(2, "fr")).toBe("mardi");
    expect(weekdayName(0, "en")).toBe("Sunday");
  });
});
