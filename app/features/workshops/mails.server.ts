import { href } from "react-router";
import type { Booking, Workshop } from "../../../db/schema/workshops";
import type { DbOrTrx } from "../../lib/db.server";
import { publicUrl } from "../../lib/public-url.server";
import { formatDateTime, type Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { queueMail } from "../../lib/mail.server";
import { mayMail, notify } from "../notifications/service.server";
import { workshopIcsAttachment } from "./calendar.server";
import { findRecipient, findSpaceAddress } from "./mail-queries.server";


async function placeLabel(db: DbOrTrx, workshop: Workshop, locale: Locale) {
  if (workshop.is_remote || !workshop.relay_space_id) return serverT(locale)("workshops:remote");
  const space = await findSpaceAddress(db, workshop.relay_space_id);
  return space ? `${space.name}, ${space.address}, ${space.postal_code} ${space.commune}` : "";
}

async function mailAbout(
  db: DbOrTrx,
  kind: "booked" | "promoted" | "cancelled" | "reminder",
  workshop: Workshop,
  userId: string,
  dedupeKey: string,
) {
  const user = await findRecipient(db, userId);
  if (!user?.email || !(await mayMail(db, userId))) return false;
  const t = serverT(user.locale);
  const values = {
    name: user.first_name,
    title: workshop.title,
    when: formatDateTime(workshop.starts_at, user.locale),
    where: await placeLabel(db, workshop, user.locale),
    link: `${publicUrl()}${href("/ateliers/:id", { id: workshop.id })}`,
    bring: workshop.equipment_to_bring ?? t("workshops:mail.nothing_to_bring"),
  };
  await queueMail(db, {
    to: user.email,
    subject: t(`workshops:mail.${kind}_subject`, values),
    text: t(`workshops:mail.${kind}_body`, values),
    locale: user.locale,
    // A seat held: the workshop in the person's calendar, one tap away.
    attachments: kind === "booked" || kind === "promoted" ? [await workshopIcsAttachment(db, workshop.id, user.locale)] : undefined,
    dedupeKey,
    userId,
  });
  return true;
}

/**
 * The in-app notification of the same event. This domain mails it itself
 * (with the .ics), so the notification is not mailed again (decision 044).
 */
const inApp = (db: DbOrTrx, kind: "booked" | "promoted" | "cancelled", workshop: Workshop, userId: string, dedupeKey: string) =>
  notify(db, { userId, kind: `workshop_${kind}`, messageKey: `notifications:kinds.workshop_${kind}`, values: { title: workshop.title }, target: { route: "workshop", params: { id: workshop.id } }, dedupeKey, mailedByCaller: true });

/** A seat booked straight away (a waitlisted booking hears when it is promoted). */
export const notifyBooked = async (db: DbOrTrx, workshop: Workshop, booking: Booking) => {
  await inApp(db, "booked", workshop, booking.user_id, `workshop-booked:${booking.id}`);
  return mailAbout(db, "booked", workshop, booking.user_id, `workshop-booked:${booking.id}`);
};

/** A waitlisted person got a seat. */
export const notifyPromoted = async (db: DbOrTrx, workshop: Workshop, booking: Booking) => {
  await inApp(db, "promoted", workshop, booking.user_id, `workshop-promoted:${booking.id}`);
  return mailAbout(db, "promoted", workshop, booking.user_id, `workshop-promoted:${booking.id}`);
};

export const notifyWorkshopCancelled = async (db: DbOrTrx, workshop: Workshop, userId: string) => {
  await inApp(db, "cancelled", workshop, userId, `workshop-cancelled:${workshop.id}:${userId}`);
  return mailAbout(db, "cancelled", workshop, userId, `workshop-cancelled:${workshop.id}:${userId}`);
};

/** Keyed by booking and start time: one reminder per booking, again if the workshop moves. */
export const sendReminder = (db: DbOrTrx, workshop: Workshop, booking: { id: string; user_id: string }) =>
  mailAbout(db, "reminder", workshop, booking.user_id, `workshop-reminder:${booking.id}:${workshop.starts_at.toISOString()}`);
