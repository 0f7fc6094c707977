import { href } from "react-router";
import type { DbOrTrx } from "../../lib/db.server";
import { formatDateTime } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { queueMail } from "../../lib/mail.server";
import { publicUrl } from "../../lib/public-url.server";
import { queueSms } from "../../lib/sms.server";
import { mayMail } from "../notifications/service.server";
import { appointmentIcsAttachment, appointmentLocation } from "./calendar.server";
import * as q from "./queries.server";

type Kind = "booked" | "cancelled" | "reminder";

/**
 * Tells the person by e-mail when they have an address, else by SMS to the
 * phone they gave (many seniors have no e-mail), else not at all. Queued in
 * the caller's transaction; the dedupe key makes it once.
 */
async function tell(db: DbOrTrx, userId: string, phone: string | null, dedupeKey: string, compose: (t: ReturnType<typeof serverT>, locale: "fr" | "en") => { subject: string; mail: string; sms: string; attachments?: ReturnType<typeof appointmentIcsAttachment>[] }) {
  const person = await q.findContact(db, userId);
  if (!person) return "none" as const;
  const t = serverT(person.locale);
  const message = compose(t, person.locale);
  // E-mail unless they asked for none (decision 044); the phone they gave at booking stays.
  if (person.email && (await mayMail(db, userId))) {
    await queueMail(db, { to: person.email, subject: message.subject, text: message.mail, locale: person.locale, attachments: message.attachments, dedupeKey, userId });
    return "email" as const;
  }
  if (phone) {
    await queueSms(db, { to: phone, text: message.sms, dedupeKey, userId });
    return "sms" as const;
  }
  return "none" as const;
}

export async function notifyAppointment(db: DbOrTrx, kind: Kind, a: q.AppointmentRow) {
  const key = kind === "reminder" ? `appointment-reminder:${a.id}:${a.starts_at.toISOString()}` : `appointment-${kind}:${a.id}`;
  return tell(db, a.user_id, a.contact_phone, key, (t, locale) => {
    const values = {
      name: a.person_first_name,
      reason: t(`appointments:reasons.${a.reason}`),
      when: formatDateTime(a.starts_at, locale),
      where: appointmentLocation(a, locale),
      mediator: a.mediator_name ?? "",
      link: `${publicUrl()}${href("/rendez-vous")}`,
    };
    return {
      subject: t(`appointments:mail.${kind}_subject`, values),
      mail: t(`appointments:mail.${kind}_body`, values),
      sms: t(`appointments:sms.${kind}`, values),
      // Cancelled too: the same uid with STATUS:CANCELLED takes it out of the calendar.
      attachments: [appointmentIcsAttachment(a, locale)],
    };
  });
}

/** A freed slot offered to the first person waiting: a link to take it (first come, first served). */
export async function notifySlotOffered(
  db: DbOrTrx,
  entry: { id: string; user_id: string; reason: string; contact_phone: string | null },
  slot: { id: string; starts_at: Date; relay_space_id: string | null },
) {
  return tell(db, entry.user_id, entry.contact_phone, `appointment-offer:${entry.id}:${slot.id}`, (t, locale) => {
    const values = {
      reason: t(`appointments:reasons.${entry.reason}`),
      when: formatDateTime(slot.starts_at, locale),
      link: `${publicUrl()}${href("/rendez-vous/prendre")}?motif=${entry.reason}&lieu=${slot.relay_space_id ?? "distance"}&creneau=${slot.id}`,
    };
    return { subject: t("appointments:mail.offer_subject", values), mail: t("appointments:mail.offer_body", values), sms: t("appointments:sms.offer", values) };
  });
}
