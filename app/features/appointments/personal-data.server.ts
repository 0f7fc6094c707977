import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./queries.server";

/**
 * A person's appointments and waiting lists for "download my data". On
 * deletion they go with the account (ON DELETE CASCADE), SMS included; slots
 * a mediator published stay, without them (SET NULL).
 */
export const appointmentsPersonalData: PersonalDataSource = {
  name: "appointments",
  async collect(db, userId) {
    const appointments = await q.appointmentsForExport(db, userId);
    return {
      appointments: appointments.map((a) => ({
        reason: a.reason,
        status: a.status,
        startsAt: a.starts_at,
        mode: a.mode,
        place: a.space_name,
        contactPhone: a.contact_phone,
        bookedAt: a.created_at,
        cancelledAt: a.cancelled_at,
      })),
      waitingLists: await q.waitlistForExport(db, userId),
    };
  },
};
