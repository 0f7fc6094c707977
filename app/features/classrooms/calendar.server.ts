import { href } from "react-router";
import type { Classroom } from "../../../db/schema/classrooms";
import type { CalendarEvent } from "../../lib/ics.server";
import { publicUrl } from "../../lib/public-url.server";

/** An address on the public site (links in mails and calendar files). */
export function absoluteUrl(path: string) {
  return `${publicUrl()}${path}`;
}

/** One class as a calendar event: the class .ics, the personal feed and the registration mail share it. */
export function calendarEvent(classroom: Classroom, t: (key: string) => string): CalendarEvent {
  return {
    uid: `classe-${classroom.id}@passerelle`,
    start: classroom.starts_at,
    end: classroom.ends_at,
    summary: classroom.title,
    description: [classroom.description, `${t("classrooms:ics.join")} ${absoluteUrl(href("/classes/:id/rejoindre", { id: classroom.id }))}`]
      .filter(Boolean)
      .join("\n\n"),
    location: t("classrooms:ics.location"),
    url: absoluteUrl(href("/classes/:id", { id: classroom.id })),
    cancelled: !!classroom.cancelled_at,
    sequence: classroom.sequence,
  };
}
