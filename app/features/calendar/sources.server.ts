import type { DbOrTrx } from "../../lib/db.server";
import type { Locale } from "../../lib/i18n";
import type { CalendarEvent } from "../../lib/ics.server";
import { classCalendarEvents } from "../classrooms/scheduling.server";
import { workshopCalendarEvents } from "../workshops/calendar.server";

/**
 * What goes into a person's calendar feed. Each domain with dated events
 * contributes one function; to add yours (virtual classes…), import it and
 * append it to CALENDAR_SOURCES — one line, nothing else changes.
 * A source returns the user's events ending after `from`, with stable uids.
 */
export type CalendarSource = (db: DbOrTrx, userId: string, options: { from: Date; locale: Locale }) => Promise<CalendarEvent[]>;

export const CALENDAR_SOURCES: CalendarSource[] = [workshopCalendarEvents, classCalendarEvents];
