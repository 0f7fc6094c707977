import type { DbOrTrx } from "../../lib/db.server";

/* What the workshops' mails and reminders read */

/** Where to write to a person (no address for an access-card holder), in their language. */
export function findRecipient(db: DbOrTrx, userId: string) {
  return db.selectFrom("app_user").select(["email", "first_name", "locale"]).where("id", "=", userId).executeTakeFirst();
}

/** The address lines of a workshop's relay space. */
export function findSpaceAddress(db: DbOrTrx, relaySpaceId: string) {
  return db
    .selectFrom("relay_space")
    .select(["name", "address", "postal_code", "commune"])
    .where("id", "=", relaySpaceId)
    .executeTakeFirst();
}

/**
 * Confirmed bookings, of people with an address and an open account, for the
 * workshops not cancelled that start in [from, to): each workshop's row with
 * the booking's id and person.
 */
export function listBookingsToRemind(db: DbOrTrx, from: Date, to: Date) {
  return db
    .selectFrom("booking")
    .innerJoin("workshop", "workshop.id", "booking.workshop_id")
    .innerJoin("app_user", "app_user.id", "booking.user_id")
    .selectAll("workshop")
    .select(["booking.id as booking_id", "booking.user_id"])
    .where("booking.status", "=", "confirmed")
    .where("workshop.cancelled_at", "is", null)
    .where("workshop.starts_at", ">=", from)
    .where("workshop.starts_at", "<", to)
    .where("app_user.email", "is not", null)
    .where("app_user.disabled_at", "is", null)
    .execute();
}
