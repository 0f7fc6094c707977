import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
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
 * An RFC 5545 calendar whose times are written in Europe/Paris with the
 * matching VTIMEZONE, so calendar apps show the right hour across DST.
 */
export function buildCalendar(name: string, events: CalendarEvent[], { method }: { method?: "PUBLISH" | "CANCEL" } = {}): string {
  const calendar = ical({
    name,
    prodId: { company: "Passerelle", product: "passerelle", language: "FR" },
    timezone: { name: TIME_ZONE, generator: getVtimezoneComponent },
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      // ical-generator writes a native Date's UTC fields; a zoned Luxon date gives Paris wall-clock time.
      start: DateTime.fromJSDate(event.start).setZone(TIME_ZONE),
      end: DateTime.fromJSDate(event.end).setZone(TIME_ZONE),
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: event.url,
      sequence: event.sequence ?? 0,
      status: event.cancelled ? ("CANCELLED" as never) : undefined,
      timezone: TIME_ZONE,
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
