import { DateTime } from "luxon";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { publishAvailability } from "../../app/features/appointments/staff.server";
import { TIME_ZONE } from "../../app/lib/i18n";
import { createUser } from "../helpers/fixtures";

let n = 0;

export async function newSpace(db: Db, name = "Lieu test") {
  n++;
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `lieu-rdv-${Date.now()}-${n}`, name, commune: "Rieux", postal_code: "60870", address: "1 place de la Mairie", opening_hours: "Mo-Su 08:00-20:00" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return space.id;
}

/** A Paris calendar date `days` from now. */
export const parisDate = (days: number) => DateTime.now().setZone(TIME_ZONE).plus({ days }).toISODate()!;

/** Publishes a window for the mediator and returns its slots, soonest first. */
export async function publish(db: Db, mediator: User, { placeId, mode = "place", date = parisDate(3), from = "10:00", to = "11:00", minutes = 30, reasons = ["smartphone", "email"] }: { placeId?: string; mode?: "place" | "phone" | "video"; date?: string; from?: string; to?: string; minutes?: number; reasons?: string[] }) {
  await publishAvailability(db, mediator, { intent: "publish", mode, placeId, date, from, to, slotMinutes: minutes, reasons: reasons as ("smartphone" | "email")[] });
  const latest = await db.selectFrom("appointment_availability").select("id").where("mediator_id", "=", mediator.id).orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
  return db.selectFrom("appointment_slot").selectAll().where("availability_id", "=", latest.id).orderBy("starts_at").execute();
}

/** People with an address, or without (assisted accounts). */
export async function learners(db: Db, count: number, { email = true } = {}) {
  const people: User[] = [];
  for (let i = 0; i < count; i++) people.push(await createUser(db, { role: "learner", email: email ? undefined : null, firstName: `Personne ${i}` }));
  return people;
}
