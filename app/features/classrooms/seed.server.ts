import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database } from "../../../db/types";
import { TIME_ZONE } from "../../lib/i18n";

/** Fixed, so that seeding again finds the class instead of making a second one. */
export const DEMO_CLASS_ID = "c1a55e00-0000-4000-8000-000000000001";

/**
 * Demo data: an upcoming virtual class hosted by the demo mediator, the demo
 * learner registered. Idempotent.
 */
export async function seedClassrooms(db: Kysely<Database>, now = new Date()) {
  const people = await db
    .selectFrom("app_user")
    .select(["id", "email"])
    .where("email", "in", ["mediatrice@demo.passerelle.fr", "apprenant@demo.passerelle.fr"])
    .execute();
  const mediator = people.find((p) => p.email === "mediatrice@demo.passerelle.fr");
  const learner = people.find((p) => p.email === "apprenant@demo.passerelle.fr");
  if (!mediator || !learner) return;
  const start = DateTime.fromJSDate(now).setZone(TIME_ZONE).plus({ days: 2 }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
  await db
    .insertInto("classroom")
    .values({
      id: DEMO_CLASS_ID,
      title: "Premiers pas en visio : parler avec ses proches",
      description:
        "Nous allons découvrir ensemble comment passer un appel vidéo, régler le son et la caméra, et lever la main pour poser une question.\n\nAyez votre téléphone, votre tablette ou votre ordinateur chargé, et si possible des écouteurs.",
      starts_at: start.toJSDate(),
      ends_at: start.plus({ minutes: 60 }).toJSDate(),
      capacity: 12,
      host_id: mediator.id,
      created_by: mediator.id,
      recording_enabled: false,
      room_name: `passerelle-classe-${DEMO_CLASS_ID}`,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await db
    .insertInto("classroom_registration")
    .values({ classroom_id: DEMO_CLASS_ID, user_id: learner.id, registered_by: mediator.id })
    .onConflict((oc) => oc.columns(["classroom_id", "user_id"]).doNothing())
    .execute();
}
