import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar } from "./ics.server";

describe("buildCalendar", () => {
  it("writes Paris wall-clock times with a VTIMEZONE, right on both sides of the DST change", () => {
    const ics = buildCalendar("Test", [
      // 28 March 2026, 10:00 in Paris = 09:00 UTC (winter time)
      { uid: "a@passerelle", start: new Date("2026-03-28T09:00:00Z"), end: new Date("2026-03-28T10:30:00Z"), summary: "Avant" },
      // 30 March 2026, 10:00 in Paris = 08:00 UTC (summer time)
      { uid: "b@passerelle", start: new Date("2026-03-30T08:00:00Z"), end: new Date("2026-03-30T09:30:00Z"), summary: "Après" },
    ]);
    expect(ics).toContain("BEGIN:VTIMEZONE");
    expect(ics).toContain("DTSTART;TZID=Europe/Paris:20260328T100000");
    expect(ics).toContain("DTSTART;TZID=Europe/Paris:20260330T100000");
    // An independent parser reads the same instants back.
    const component = new ICAL.Component(ICAL.parse(ics));
    const tz = component.getFirstSubcomponent("vtimezone")!;
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const starts = component
      .getAllSubcomponents("vevent")
      .map((e) => new ICAL.Event(e).startDate.toJSDate().toISOString());
    expect(starts).toEqual(["2026-03-28T09:00:00.000Z", "2026-03-30T08:00:00.000Z"]);
  });
});
