/**
 * Attendance from LiveKit's join/leave events. Pure functions, so the rules
 * are tested without a database:
 * - each connection is an interval [joined, left];
 * - a missing leave (lost webhook, crash) ends at room_finished when LiveKit
 *   reported it after the join, otherwise at the end of the class (or now,
 *   while the class is running);
 * - intervals are clamped to the class window (joining 15 minutes early does
 *   not count), then merged so two devices or a quick rejoin are not counted twice;
 * - attending at least 75 % of the class counts as attended.
 */
export const ATTENDANCE_THRESHOLD = 0.75;

export interface PresenceInterval {
  joinedAt: Date | null;
  leftAt: Date | null;
}

export interface ClassWindow {
  startsAt: Date;
  endsAt: Date;
  /** When a host ended the class early: the class then lasted until this moment. */
  endedAt?: Date | null;
  roomFinishedAt?: Date | null;
}

/** The end of the class as it was held: the scheduled end, or earlier if a host ended it. */
export function effectiveEnd(window: ClassWindow): Date {
  const scheduled = window.endsAt.getTime();
  const ended = window.endedAt?.getTime();
  return new Date(ended !== undefined && ended > window.startsAt.getTime() && ended < scheduled ? ended : scheduled);
}

export function classDurationMs(window: ClassWindow): number {
  return effectiveEnd(window).getTime() - window.startsAt.getTime();
}

export function attendedMs(intervals: PresenceInterval[], window: ClassWindow, now = new Date()): number {
  const start = window.startsAt.getTime();
  const end = effectiveEnd(window).getTime();
  const finished = window.roomFinishedAt?.getTime();
  const clamped: [number, number][] = [];
  for (const interval of intervals) {
    let from = interval.joinedAt?.getTime();
    let to = interval.leftAt?.getTime();
    if (from === undefined && to === undefined) continue;
    // A leave whose join was never received: the connection began when the room could first be joined.
    from ??= start;
    if (to === undefined) to = finished !== undefined && finished >= from ? finished : Math.min(end, now.getTime());
    from = Math.max(from, start);
    to = Math.min(to, end);
    if (to > from) clamped.push([from, to]);
  }
  clamped.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const [from, to] of clamped) {
    if (current && from <= current[1]) {
      current[1] = Math.max(current[1], to);
    } else {
      if (current) total += current[1] - current[0];
      current = [from, to];
    }
  }
  if (current) total += current[1] - current[0];
  return total;
}

export interface AttendanceSummary {
  minutes: number;
  durationMinutes: number;
  /** 0–100, rounded down. */
  percent: number;
  attended: boolean;
}

export function summariseAttendance(intervals: PresenceInterval[], window: ClassWindow, now = new Date()): AttendanceSummary {
  const ms = attendedMs(intervals, window, now);
  const duration = classDurationMs(window);
  return {
    minutes: Math.floor(ms / 60_000),
    durationMinutes: Math.round(duration / 60_000),
    percent: duration > 0 ? Math.floor((ms / duration) * 100) : 0,
    attended: duration > 0 && ms >= ATTENDANCE_THRESHOLD * duration,
  };
}
