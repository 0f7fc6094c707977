import { DateTime } from "luxon";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { TIME_ZONE } from "../../lib/i18n";
import { markLessonCompleted } from "../courses/learning.server";
import { firstOpenDay } from "../workshops/seed.server";

/**
 * A little history for the demo learner (Josette), so that "Mon suivi" and
 * the paths show something on the first `npm start`: the seniors path
 * chosen three weeks ago, the first lessons of the e-mail course done, and a
 * workshop attended two weeks ago in the médiathèque. Recorded through the same verbs and tables as real use, and
 * idempotent (progress by primary key, the workshop by a fixed id).
 */
export const DEMO_LEARNER_EMAIL = "apprenant@demo.passerelle.fr";
const DEMO_COURSE = "creer-et-utiliser-une-adresse-e-mail";
const LESSONS_DONE = 2;
const DEMO_PATH = "autonome-avec-le-numerique";
export const DEMO_PAST_WORKSHOP_ID = "5eed0000-0000-4000-8000-0000000000f1";

export async function seedLearnerHistory(db: Kysely<Database>, now = new Date()) {
  const learner = await db.selectFrom("app_user").select(["id", "role"]).where("email", "=", DEMO_LEARNER_EMAIL).executeTakeFirst();
  const mediator = await db.selectFrom("app_user").select("id").where("email", "=", "mediatrice@demo.passerelle.fr").executeTakeFirst();
  const space = await db.selectFrom("relay_space").select(["id", "opening_hours"]).where("slug", "=", "pont-sainte-maxence-mediatheque").executeTakeFirst();
  if (!learner) return;

  const lessons = await db
    .selectFrom("lesson")
    .innerJoin("course", "course.id", "lesson.course_id")
    .innerJoin("course_module", "course_module.id", "lesson.module_id")
    .select("lesson.id")
    .where("course.slug", "=", DEMO_COURSE)
    .where("lesson.deleted_at", "is", null)
    .orderBy("course_module.position")
    .orderBy("lesson.position")
    .limit(LESSONS_DONE)
    .execute();
  for (const lesson of lessons) await markLessonCompleted(db, learner, lesson.id);

  await sql`insert into path_choice (user_id, path_id, chosen_at)
    select ${learner.id}, p.id, ${DateTime.fromJSDate(now).minus({ days: 21 }).toJSDate()} from learning_path p where p.slug = ${DEMO_PATH}
    on conflict (user_id, path_id) where left_at is null do nothing`.execute(db);

  if (!space) return;
  // About two weeks ago, on a day the médiathèque was open.
  const start = firstOpenDay(space.opening_hours, DateTime.fromJSDate(now).setZone(TIME_ZONE).startOf("day"), { inDays: -16, at: "14:00", minutes: 90 });
  await db
    .insertInto("workshop")
    .values({
      id: DEMO_PAST_WORKSHOP_ID,
      title: "Envoyer une photo par e-mail",
      description: "Prendre une photo avec son téléphone et l'envoyer à ses proches, en pièce jointe.",
      themes: ["email"],
      level: "debutant",
      relay_space_id: space.id,
      starts_at: start.toJSDate(),
      ends_at: start.plus({ minutes: 90 }).toJSDate(),
      seats: 8,
      created_by: mediator?.id ?? null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const booked = await db.selectFrom("booking").select("id").where("workshop_id", "=", DEMO_PAST_WORKSHOP_ID).where("user_id", "=", learner.id).executeTakeFirst();
  if (!booked) {
    await db
      .insertInto("booking")
      .values({ workshop_id: DEMO_PAST_WORKSHOP_ID, user_id: learner.id, status: "confirmed", booked_by: learner.id, created_at: start.minus({ days: 5 }).toJSDate() })
      .execute();
  }
  await db
    .insertInto("attendance")
    .values({ workshop_id: DEMO_PAST_WORKSHOP_ID, user_id: learner.id, checked_in_at: start.plus({ minutes: 3 }).toJSDate(), checked_in_by: mediator?.id ?? null })
    .onConflict((oc) => oc.columns(["workshop_id", "user_id"]).doNothing())
    .execute();
}
