import { describe, expect, it } from "vitest";
import { attendedMs, effectiveEnd, summariseAttendance } from "./attendance";

const T0 = Date.parse("2026-12-01T09:00:00Z");
const at = (minute: number) => new Date(T0 + minute * 60_000);
const span = (from: number | null, to: number | null) => ({ joinedAt: from === null ? null : at(from), leftAt: to === null ? null : at(to) });
const window = { startsAt: at(0), endsAt: at(60) };
const minutes = (ms: number) => ms / 60_000;

describe("attendance", () => {
  it("adds separate connections (a rejoin)", () => {
    expect(minutes(attendedMs([span(0, 20), span(25, 60)], window, at(120)))).toBe(55);
  });

  it("merges overlapping or touching connections (two devices, a quick reconnection)", () => {
    expect(minutes(attendedMs([span(0, 50), span(10, 40)], window, at(120)))).toBe(50);
    expect(minutes(attendedMs([span(0, 30), span(30, 45)], window, at(120)))).toBe(45);
    expect(minutes(attendedMs([span(40, 50), span(0, 10), span(5, 20)], window, at(120)))).toBe(30);
  });

  it("clamps to the class window (early arrival, staying after the end)", () => {
    expect(minutes(attendedMs([span(-15, 10), span(50, 90)], window, at(120)))).toBe(20);
    expect(minutes(attendedMs([span(-30, -5), span(70, 80)], window, at(120)))).toBe(0);
  });

  it("ends a connection without a leave at room_finished, else at the end of the class, else now", () => {
    expect(minutes(attendedMs([span(10, null)], { ...window, roomFinishedAt: at(40) }, at(120)))).toBe(30);
    expect(minutes(attendedMs([span(10, null)], window, at(120)))).toBe(50);
    expect(minutes(attendedMs([span(10, null)], window, at(25)))).toBe(15);
    // A room_finished from before this connection (an earlier session of the room) does not cut it.
    expect(minutes(attendedMs([span(30, null)], { ...window, roomFinishedAt: at(20) }, at(120)))).toBe(30);
  });

  it("counts a leave whose join was lost from the start of the class", () => {
    expect(minutes(attendedMs([span(null, 25)], window, at(120)))).toBe(25);
  });

  it("uses the end chosen by the host when the class ended early", () => {
    const ended = { ...window, endedAt: at(40) };
    expect(effectiveEnd(ended)).toEqual(at(40));
    expect(summariseAttendance([span(0, 40)], ended, at(120))).toEqual({ minutes: 40, durationMinutes: 40, percent: 100, attended: true });
    // An end set after the scheduled end changes nothing.
    expect(effectiveEnd({ ...window, endedAt: at(90) })).toEqual(at(60));
  });

  it("counts as attended from 75 % of the class, not below", () => {
    expect(summariseAttendance([span(0, 45)], window, at(120))).toMatchObject({ minutes: 45, percent: 75, attended: true });
    expect(summariseAttendance([span(0, 44.9)], window, at(120))).toMatchObject({ minutes: 44, percent: 74, attended: false });
    expect(summariseAttendance([], window, at(120))).toEqual({ minutes: 0, durationMinutes: 60, percent: 0, attended: false });
  });
});
