import type { DbOrTrx } from "../../lib/db.server";
import { workshopSummaries } from "./queries.server";

/* What the workshops domain reads about one person: their calendar and their data */

/** Workshops ending after `from` where the person holds a confirmed seat or is a mediator, soonest first. */
export function listCalendarWorkshopsOf(db: DbOrTrx, userId: string, from: Date) {
  return workshopSummaries(db)
    .where("workshop.ends_at", ">=", from)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("booking")
            .select("booking.id")
            .whereRef("booking.workshop_id", "=", "workshop.id")
            .where("booking.user_id", "=", userId)
            .where("booking.status", "=", "confirmed"),
        ),
        eb.exists(
          eb
            .selectFrom("workshop_mediator")
            .select("workshop_mediator.user_id")
            .whereRef("workshop_mediator.workshop_id", "=", "workshop.id")
            .where("workshop_mediator.user_id", "=", userId),
        ),
      ]),
    )
    .orderBy("workshop.starts_at")
    .execute();
}

/** Every booking the person made, whatever became of it. */
export function listBookingsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("booking")
    .innerJoin("workshop", "workshop.id", "booking.workshop_id")
    .select(["workshop.id as workshop_id", "workshop.title", "workshop.starts_at", "booking.status", "booking.created_at", "booking.promoted_at", "booking.cancelled_at"])
    .where("booking.user_id", "=", userId)
    .orderBy("booking.created_at")
    .execute();
}

export function listWorkshopsLedBy(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("workshop_mediator")
    .innerJoin("workshop", "workshop.id", "workshop_mediator.workshop_id")
    .select(["workshop.id", "workshop.title", "workshop.starts_at"])
    .where("workshop_mediator.user_id", "=", userId)
    .orderBy("workshop.starts_at")
    .execute();
}

/** When the person made their calendar feed (the feed carries their workshops). */
export function findCalendarFeedOf(db: DbOrTrx, userId: string) {
  return db.selectFrom("calendar_feed").select("created_at").where("user_id", "=", userId).executeTakeFirst();
}
