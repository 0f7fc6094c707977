import { DateTime } from "luxon";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { TIME_ZONE } from "../../lib/i18n";
import { DEMO_MEDIATOR_EMAIL, firstOpenDay } from "../workshops/seed.server";
import type { ReasonCode } from "./reasons";

/** The demo mediator's availability in the coming days, within the places' hours (fixed ids: re-running adds nothing). */
export const DEMO_AVAILABILITY: { id: string; space: string | null; inDays: number; at: string; minutes: number; slot: number; reasons: ReasonCode[] }[] = [
  { id: "5eed0000-0000-4000-8000-0000000000a1", space: "pont-sainte-maxence-mediatheque", inDays: 2, at: "14:00", minutes: 120, slot: 30, reasons: ["smartphone", "demarche", "email"] },
  { id: "5eed0000-0000-4000-8000-0000000000a2", space: "rieux-mairie", inDays: 3, at: "14:00", minutes: 120, slot: 45, reasons: ["demarche", "emploi", "ordinateur"] },
  { id: "5eed0000-0000-4000-8000-0000000000a3", space: null, inDays: 4, at: "10:00", minutes: 120, slot: 60, reasons: ["commerce", "smartphone"] },
];

export async function seedAppointments(db: Kysely<Database>, now = new Date()) {
  const mediator = await db.selectFrom("app_user").select("id").where("email", "=", DEMO_MEDIATOR_EMAIL).executeTakeFirst();
  if (!mediator) return 0;
  const spaces = await db.selectFrom("relay_space").select(["id", "slug", "opening_hours"]).execute();
  const today = DateTime.fromJSDate(now).setZone(TIME_ZONE).startOf("day");
  let created = 0;
  for (const a of DEMO_AVAILABILITY) {
    const space = a.space ? spaces.find((s) => s.slug === a.space) : null;
    if (a.space && !space) continue;
    const start = firstOpenDay(space?.opening_hours ?? null, today, a);
    const end = start.plus({ minutes: a.minutes });
    const inserted = await db
      .insertInto("appointment_availability")
      .values({
        id: a.id,
        mediator_id: mediator.id,
        relay_space_id: space?.id ?? null,
        mode: space ? "place" : "phone",
        reasons: a.reasons,
        starts_at: start.toJSDate(),
        ends_at: end.toJSDate(),
        slot_minutes: a.slot,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) continue;
    created++;
    const slots = [];
    for (let t = start; t.plus({ minutes: a.slot }) <= end; t = t.plus({ minutes: a.slot })) {
      slots.push({
        availability_id: a.id,
        mediator_id: mediator.id,
        relay_space_id: space?.id ?? null,
        mode: space ? ("place" as const) : ("phone" as const),
        reasons: a.reasons,
        starts_at: t.toJSDate(),
        ends_at: t.plus({ minutes: a.slot }).toJSDate(),
      });
    }
    await db
      .insertInto("appointment_slot")
      .values(slots)
      .onConflict((oc) => oc.columns(["mediator_id", "starts_at"]).where("withdrawn_at", "is", null).doNothing())
      .execute();
  }
  return created;
}
