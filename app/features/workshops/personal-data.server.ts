import type { PersonalDataSource } from "../../lib/personal-data.server";
import { listWorkshopAttendance } from "./record.server";

/**
 * A person's workshop data for "download my data". On deletion, bookings,
 * attendance and the calendar feed go with the account (ON DELETE CASCADE);
 * workshops they led stay, without their creator (SET NULL).
 */
export const workshopsPersonalData: PersonalDataSource = {
  name: "workshops",
  async collect(db, userId) {
    const bookings = await db
      .selectFrom("booking")
      .innerJoin("workshop", "workshop.id", "booking.workshop_id")
      .select(["workshop.id as workshop_id", "workshop.title", "workshop.starts_at", "booking.status", "booking.created_at", "booking.promoted_at", "booking.cancelled_at"])
      .where("booking.user_id", "=", userId)
      .orderBy("booking.created_at")
      .execute();
    const led = await db
      .selectFrom("workshop_mediator")
      .innerJoin("workshop", "workshop.id", "workshop_mediator.workshop_id")
      .select(["workshop.id", "workshop.title", "workshop.starts_at"])
      .where("workshop_mediator.user_id", "=", userId)
      .orderBy("workshop.starts_at")
      .execute();
    const feed = await db.selectFrom("calendar_feed").select("created_at").where("user_id", "=", userId).executeTakeFirst();
    return { bookings, attendance: await listWorkshopAttendance(db, userId), workshopsLed: led, calendarFeedCreatedAt: feed?.created_at ?? null };
  },
};
