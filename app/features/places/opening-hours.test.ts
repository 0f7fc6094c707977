import { afterEach, describe, expect, it } from "vitest";
import { formatWallTime, groupDays, isOpenAt, openingHoursCover, openingStatus, validateOpeningHours, weekdayName, weekOfHours } from "./opening-hours";

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

describe("opening hours in plain words and for scheduling", () => {
  const MEDIATHEQUE = "Mo-Th 09:00-12:00,13:30-17:30";
  // Tuesday 1 December 2026, 10:30 in Paris.
  const NOW = new Date("2026-12-01T09:30:00Z");
  const paris = (iso: string) => new Date(`${iso}+01:00`);

  it("lists the coming week Monday first, with each day's times", () => {
    const week = weekOfHours(MEDIATHEQUE, NOW)!;
    expect(week.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    const twoSlots = [
      { from: { hour: 9, minute: 0 }, to: { hour: 12, minute: 0 } },
      { from: { hour: 13, minute: 30 }, to: { hour: 17, minute: 30 } },
    ];
    expect(week.slice(0, 4).map((d) => d.intervals)).toEqual([twoSlots, twoSlots, twoSlots, twoSlots]);
    expect(week.slice(4).every((d) => d.intervals.length === 0)).toBe(true);
    expect(weekOfHours("not hours", NOW)).toBeNull();
    expect(weekOfHours(null, NOW)).toBeNull();
  });

  it("groups consecutive days with the same times", () => {
    expect(groupDays(weekOfHours(MEDIATHEQUE, NOW)!).map((g) => [g.first, g.last])).toEqual([[1, 4]]);
    const groups = groupDays(weekOfHours("Tu-Fr 10:00-12:00,14:00-18:00; Sa 10:00-17:00", NOW)!);
    expect(groups.map((g) => [g.first, g.last, g.intervals.length])).toEqual([
      [2, 5, 2],
      [6, 6, 1],
    ]);
    // A day running to midnight ends at 24 h.
    expect(weekOfHours("24/7", NOW)![0]!.intervals).toEqual([{ from: { hour: 0, minute: 0 }, to: { hour: 24, minute: 0 } }]);
  });

  it("tells whether a workshop falls inside the hours, whatever the server's time zone", () => {
    for (const tz of ["UTC", "America/New_York"]) {
      process.env.TZ = tz;
      expect(openingHoursCover(MEDIATHEQUE, paris("2026-12-07T14:00:00"), paris("2026-12-07T16:00:00"))).toBe("inside");
      expect(openingHoursCover(MEDIATHEQUE, paris("2026-12-07T09:00:00"), paris("2026-12-07T12:00:00"))).toBe("inside");
      // Monday 20:00, a Sunday, across the lunch break, past closing.
      expect(openingHoursCover(MEDIATHEQUE, paris("2026-12-07T20:00:00"), paris("2026-12-07T21:00:00"))).toBe("outside");
      expect(openingHoursCover(MEDIATHEQUE, paris("2026-12-06T14:00:00"), paris("2026-12-06T16:00:00"))).toBe("outside");
      expect(openingHoursCover(MEDIATHEQUE, paris("2026-12-07T11:00:00"), paris("2026-12-07T14:00:00"))).toBe("outside");
      expect(openingHoursCover(MEDIATHEQUE, paris("2026-12-07T16:30:00"), paris("2026-12-07T18:00:00"))).toBe("outside");
    }
    expect(openingHoursCover(null, NOW, NOW)).toBe("unknown");
    expect(openingHoursCover("garbage", NOW, NOW)).toBe("unknown");
    // Christmas is a public holiday: `PH off` closes it.
    expect(openingHoursCover("Mo-Fr 09:00-12:00; PH off", paris("2026-12-24T09:00:00"), paris("2026-12-24T10:00:00"))).toBe("inside");
    expect(openingHoursCover("Mo-Fr 09:00-12:00; PH off", paris("2026-12-25T09:00:00"), paris("2026-12-25T10:00:00"))).toBe("outside");
  });
});
