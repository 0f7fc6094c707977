import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { checkIcal } from "../../tests/helpers/ical-check";
import { buildCalendar, calendarOrganizer } from "./ics.server";

const EVENTS = [
  // 28 March 2026, 10:00 in Paris = 09:00 UTC (winter time)
  { uid: "a@passerelle", start: new Date("2026-03-28T09:00:00Z"), end: new Date("2026-03-28T10:30:00Z"), summary: "Avant" },
  // 30 March 2026, 10:00 in Paris = 08:00 UTC (summer time)
  { uid: "b@passerelle", start: new Date("2026-03-30T08:00:00Z"), end: new Date("2026-03-30T09:30:00Z"), summary: "Après", url: "https://passerelle.example/x" },
];

describe("buildCalendar", () => {
  it("writes Paris wall-clock times with a VTIMEZONE, right on both sides of the DST change", () => {
    const ics = buildCalendar("Test", EVENTS);
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

  it("stamps in UTC, names an organiser and writes no made-up property: python-icalendar and libical find nothing", () => {
    const now = new Date("2026-12-03T16:52:22.500Z");
    const ics = buildCalendar("Test", EVENTS, { now });
    expect(ics).toContain("DTSTAMP:20261203T165222Z\r\n");
    expect(ics).not.toMatch(/^TIMEZONE-ID/m);
    const checked = checkIcal(ics);
    expect(checked.errors).toEqual([]);
    expect(checked.method).toBe("PUBLISH");
    expect(checked.events.map((e) => [e.start, e.stamp, e.startTzid, e.status])).toEqual([
      ["2026-03-28T09:00:00+00:00", "2026-12-03T16:52:22+00:00", "Europe/Paris", "CONFIRMED"],
      ["2026-03-30T08:00:00+00:00", "2026-12-03T16:52:22+00:00", "Europe/Paris", "CONFIRMED"],
    ]);
    expect(checked.events[0]!.organizer).toMatch(/^mailto:/);
  });

  it("is a valid iTIP CANCEL too, every event marked cancelled", () => {
    const checked = checkIcal(buildCalendar("Test", EVENTS.slice(0, 1), { method: "CANCEL" }));
    expect(checked.errors).toEqual([]);
    expect(checked.method).toBe("CANCEL");
    expect(checked.events[0]!.status).toBe("CANCELLED");
  });

  it("the checkers do catch what this file fixed: a local DTSTAMP, TIMEZONE-ID, no ORGANIZER", () => {
    const good = buildCalendar("Test", EVENTS.slice(0, 1), { now: new Date("2026-12-03T16:52:22Z") });
    const bad = good
      .replace("DTSTAMP:20261203T165222Z", "DTSTAMP:20261203T175222")
      .replace(/^ORGANIZER.*\r\n/m, "")
      .replace("BEGIN:VEVENT", "TIMEZONE-ID:Europe/Paris\r\nBEGIN:VEVENT");
    const errors = checkIcal(bad).errors.join("\n");
    expect(errors).toMatch(/DTSTAMP 20261203T175222 is not UTC/);
    expect(errors).toMatch(/ORGANIZER/);
    expect(errors).toMatch(/TIMEZONE-ID/);
  });

  it("takes the organiser from MAIL_FROM", () => {
    expect(calendarOrganizer("Passerelle <ne-pas-repondre@cc-oise.fr>")).toEqual({ name: "Passerelle", email: "ne-pas-repondre@cc-oise.fr" });
    expect(calendarOrganizer('"Numérique CCPOH" <numerique@cc-oise.fr>')).toEqual({ name: "Numérique CCPOH", email: "numerique@cc-oise.fr" });
    expect(calendarOrganizer("numerique@cc-oise.fr")).toEqual({ name: "Passerelle", email: "numerique@cc-oise.fr" });
  });
});
