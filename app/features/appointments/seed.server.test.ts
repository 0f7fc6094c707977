import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEMO_RELAY_SPACES } from "../../../db/seed";
import { openingHoursCover } from "../places/opening-hours";
import { firstOpenDay } from "../workshops/seed.server";
import { DEMO_AVAILABILITY } from "./seed.server";

describe("demo availability", () => {
  it("falls inside its place's opening hours, whatever day the demo is seeded", () => {
    for (let shift = 0; shift < 14; shift++) {
      const today = DateTime.fromISO("2026-12-01", { zone: "Europe/Paris" }).plus({ days: shift }).startOf("day");
      for (const a of DEMO_AVAILABILITY.filter((x) => x.space)) {
        const hours = DEMO_RELAY_SPACES.find((s) => s.slug === a.space)!.opening_hours!;
        const start = firstOpenDay(hours, today, a);
        expect(openingHoursCover(hours, start.toJSDate(), start.plus({ minutes: a.minutes }).toJSDate()), `${a.space} on ${start.toISO()}`).toBe("inside");
      }
    }
  });
});
