import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./person-queries.server";
import { listWorkshopAttendance } from "./record.server";

/**
 * A person's workshop data for "download my data". On deletion, bookings,
 * attendance and the calendar feed go with the account (ON DELETE CASCADE);
 * workshops they led stay, without their creator (SET NULL).
 */
export const workshopsPersonalData: PersonalDataSource = {
  name: "workshops",
  async collect(db, userId) {
    const bookings = await q.listBookingsOf(db, userId);
    const led = await q.listWorkshopsLedBy(db, userId);
    const feed = await q.findCalendarFeedOf(db, userId);
    return { bookings, attendance: await listWorkshopAttendance(db, userId), workshopsLed: led, calendarFeedCreatedAt: feed?.created_at ?? null };
  },
};
