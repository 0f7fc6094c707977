import { describe, expect, it } from "vitest";
import { parisWallClock } from "./paris-time";

describe("parisWallClock", () => {
  it("gives the instant of a Paris wall-clock time, winter and summer", () => {
    expect(parisWallClock("2026-03-28", "02:30")).toEqual({ ok: true, instant: new Date("2026-03-28T01:30:00Z") });
    expect(parisWallClock("2026-03-29", "03:00")).toEqual({ ok: true, instant: new Date("2026-03-29T01:00:00Z") });
    expect(parisWallClock("2026-03-29", "01:59")).toEqual({ ok: true, instant: new Date("2026-03-29T00:59:00Z") });
  });

  it("says when the time falls in the hour skipped on the last Sunday of March", () => {
    expect(parisWallClock("2026-03-29", "02:30")).toEqual({ ok: false, reason: "dst_gap" });
    expect(parisWallClock("2026-03-29", "02:00")).toEqual({ ok: false, reason: "dst_gap" });
    expect(parisWallClock("2027-03-28", "02:59")).toEqual({ ok: false, reason: "dst_gap" });
  });

  it("refuses a date that does not exist", () => {
    expect(parisWallClock("2026-02-30", "10:00")).toEqual({ ok: false, reason: "invalid" });
    expect(parisWallClock("2026-13-01", "10:00")).toEqual({ ok: false, reason: "invalid" });
  });
});
