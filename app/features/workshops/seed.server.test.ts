import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEMO_RELAY_SPACES } from "../../../db/seed";
import { openingHoursCover } from "../places/opening-hours";
import { DEMO_WORKSHOPS, firstOpenDay } from "./seed.server";

describe("demo workshops", () => {
  it("fall inside their place's opening hours, whatever day the demo is seeded", () => {
    for (let shift = 0; shift < 14; shift++) {
      const today = DateTime.fromISO("2026-12-01", { zone: "Europe/Paris" }).plus({ days: shift }).startOf("day");
      for (const w of DEMO_WORKSHOPS) {
        const hours = DEMO_RELAY_SPACES.find((s) => s.slug === w.space)!.opening_hours!;
        const start = firstOpenDay(hours, today, w);
        expect(start >= today.plus({ days: w.inDays }), w.title).toBe(true);
        expect(openingHoursCover(hours, start.toJSDate(), start.plus({ minutes: w.minutes }).toJSDate()), `${w.title} on ${start.toISO()}`).toBe("inside");
      }
    }
  });

  it("include upcoming business coaching workshops (the business path's workshop step)", () => {
    expect(DEMO_WORKSHOPS.filter((w) => (w.themes as readonly string[]).includes("entrepreneuriat")).length).toBeGreaterThanOrEqual(2);
  });
});
