import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { env } from "./env.server";
import { TIME_ZONE } from "./i18n";

export interface CalendarEvent {
  /** Stable across edits so calendar apps update instead of duplicating. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
  /** Bumped on every change (RFC 5545 SEQUENCE). */
  sequence?: number;
}

/**
 * RFC 5546 wants an ORGANIZER on every published or cancelled event. The
 * organiser of everything Passerelle publishes is the platform itself: its
 * sender address (MAIL_FROM), never a mediator's own mailbox.
 */
export function calendarOrganizer(mailFrom = env().MAIL_FROM) {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom);
  if (match) return { name: match[1]?.trim() || "Passerelle", email: match[2]! };
  return { name: "Passerelle", email: mailFrom.trim() };
}

/**
 * An RFC 5545 calendar whose times are written in Europe/Paris with the
 * matching VTIMEZONE, so calendar apps show the right hour across DST.
 * The zone is set on each event, not on the calendar: ical-generator would
 * otherwise write DTSTAMP as local time without `Z` (RFC 5545 §3.8.7.2 wants
 * UTC) and add a made-up `TIMEZONE-ID` property.
 */
export function buildCalendar(
  name: string,
  events: CalendarEvent[],
  { method = "PUBLISH", now = new Date() }: { method?: "PUBLISH" | "CANCEL"; now?: Date } = {},
): string {
  const calendar = ical({
    name,
    prodId: { company: "Passerelle", product: "passerelle", language: "FR" },
    timezone: { name: null, generator: getVtimezoneComponent },
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  const organizer = calendarOrganizer();
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      stamp: now,
      // ical-generator writes a native Date's UTC fields; a zoned Luxon date gives Paris wall-clock time.
      start: DateTime.fromJSDate(event.start).setZone(TIME_ZONE),
      end: DateTime.fromJSDate(event.end).setZone(TIME_ZONE),
      timezone: TIME_ZONE,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: event.url,
      organizer,
      sequence: event.sequence ?? 0,
      status: event.cancelled || method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export function icsResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^a-zA-Z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
