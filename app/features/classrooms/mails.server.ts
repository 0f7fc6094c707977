import { href } from "react-router";
import type { Classroom } from "../../../db/schema/classrooms";
import type { DbOrTrx } from "../../lib/db.server";
import { formatDateTime } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { buildCalendar } from "../../lib/ics.server";
import { queueMail } from "../../lib/mail.server";
import { absoluteUrl, calendarEvent } from "./calendar.server";
import { findRegistrantContact } from "./queries.server";
import { mayMail } from "../notifications/service.server";

/**
 * The confirmation of a registration, like a workshop booking's: the link to
 * join, what to prepare, and the class's .ics attached (the same event as
 * the class's calendar file, so a later change or cancellation replaces it).
 * Someone without an address (an access-card holder) gets no mail; their
 * mediator sees the registration. Keyed by class and person: someone who
 * unregisters and registers again gets no second mail (the first one, and
 * its calendar file, still hold).
 */
export async function notifyRegistered(db: DbOrTrx, classroom: Classroom, userId: string) {
  const user = await findRegistrantContact(db, userId);
  if (!user?.email || !(await mayMail(db, userId))) return false;
  const t = serverT(user.locale);
  const values = {
    name: user.first_name,
    title: classroom.title,
    when: formatDateTime(classroom.starts_at, user.locale),
    link: absoluteUrl(href("/classes/:id", { id: classroom.id })),
    join: absoluteUrl(href("/classes/:id/rejoindre", { id: classroom.id })),
  };
  await queueMail(db, {
    to: user.email,
    subject: t("classrooms:mail.registered_subject", values),
    text: t("classrooms:mail.registered_body", values),
    locale: user.locale,
    attachments: [
      {
        filename: `classe-${classroom.id}.ics`,
        contentType: "text/calendar; charset=utf-8",
        content: buildCalendar(classroom.title, [calendarEvent(classroom, t)]),
      },
    ],
    dedupeKey: `classroom-registered:${classroom.id}:${userId}`,
    userId,
  });
  return true;
}
