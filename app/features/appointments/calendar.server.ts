import { href } from "react-router";
import type { DbOrTrx } from "../../lib/db.server";
import type { Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { buildCalendar, type CalendarEvent } from "../../lib/ics.server";
import { publicUrl } from "../../lib/public-url.server";
import * as q from "./queries.server";

/** Where it takes place, in words a calendar shows. */
export function appointmentLocation(a: q.AppointmentRow, locale: Locale) {
  const t = serverT(locale);
  if (a.mode !== "place") return t(`appointments:mode.${a.mode}`);
  return [a.space_name, a.space_address, `${a.space_postal_code ?? ""} ${a.space_commune ?? ""}`.trim()].filter(Boolean).join(", ");
}

export function appointmentEvent(a: q.AppointmentRow, locale: Locale): CalendarEvent {
  const t = serverT(locale);
  const url = `${publicUrl()}${href("/rendez-vous")}`;
  return {
    uid: `appointment-${a.id}@passerelle`,
    start: a.starts_at,
    end: a.ends_at,
    summary: t("appointments:ics.summary", { reason: t(`appointments:reasons.${a.reason}`) }),
    description: [t("appointments:ics.with", { name: a.mediator_name ?? "" }), url].join("\n\n"),
    location: appointmentLocation(a, locale),
    url,
    cancelled: a.status === "cancelled",
    sequence: a.sequence,
  };
}

export function appointmentIcsFile(a: q.AppointmentRow, locale: Locale) {
  return {
    body: buildCalendar(serverT(locale)("appointments:ics.calendar"), [appointmentEvent(a, locale)]),
    filename: `rendez-vous-${a.id.slice(0, 8)}.ics`,
  };
}

export function appointmentIcsAttachment(a: q.AppointmentRow, locale: Locale) {
  const { body, filename } = appointmentIcsFile(a, locale);
  return { filename, contentType: "text/calendar; charset=utf-8", content: body };
}

/** The personal feed: the person's appointments and those on the slots a mediator published, from `from` on. */
export async function appointmentCalendarEvents(db: DbOrTrx, userId: string, { from, locale }: { from: Date; locale: Locale }) {
  const rows = await q.calendarAppointments(db, userId, from);
  return rows.map((a) => appointmentEvent(a, locale));
}
