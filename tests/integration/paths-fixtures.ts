import path from "node:path";
import type { Db, DbOrTrx } from "../../app/lib/db.server";
import { awardEarnedBadges } from "../../app/features/badges/service.server";
import { completeLessonAndContinue } from "../../app/features/courses/learning.server";
import { importPaths } from "../../app/features/paths/import.server";
import type { User } from "../../db/schema/accounts";
import { seedCourse, type SeededCourse } from "./courses-helpers";

export const CONTENT_ROOT = path.resolve(import.meta.dirname, "../../content");

/** The courses the shipped paths point to, by their real slugs (created here: this database has no content import). */
export const PATH_COURSES = [
  "creer-et-utiliser-une-adresse-e-mail",
  "se-proteger-des-arnaques-en-ligne",
  "faire-son-cv-et-candidater-en-ligne",
  "rendre-son-commerce-visible-sur-internet",
  "decouvrir-la-programmation",
  "utiliser-un-smartphone-ou-une-tablette",
  "faire-ses-demarches-en-ligne",
] as const;

/**
 * Imports content/paths and content/badges, and creates the courses they name
 * (2 lessons each). These stub courses have no scored activity and are
 * clicked through in milliseconds, so the shipped badge requirements (pass
 * mark, minutes) are lifted here unless `requirements: "as shipped"`; they
 * have their own tests (badges-evidence.test.ts).
 */
export async function seedPathsAndCourses(db: Db, { requirements = "lifted" }: { requirements?: "lifted" | "as shipped" } = {}) {
  const courses = new Map<string, SeededCourse>();
  for (const slug of PATH_COURSES) {
    const existing = await db.selectFrom("course").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!existing) courses.set(slug, await seedCourse(db, { slug, title: `Cours ${slug}`, lessonsPerModule: 2 }));
  }
  await importPaths(db, CONTENT_ROOT);
  if (requirements === "lifted") await liftBadgeRequirements(db);
  return courses;
}

/** No pass mark, no minimum time, on every badge (for stub courses clicked through). */
export const liftBadgeRequirements = (db: DbOrTrx) => db.updateTable("achievement").set({ pass_mark: null, min_lesson_minutes: null }).execute();

/** Completes every lesson of a course the way the lesson player does ("J'ai terminé cette leçon"). */
export async function completeCourseThroughPlayer(db: Db, user: User, course: SeededCourse, { award = false } = {}) {
  let last;
  for (const lessonId of course.lessons) last = await completeLessonAndContinue(db, user, course.slug, lessonId);
  // `award`: what the lesson page's action does next (app/routes/courses.lesson.tsx), a course just completed may earn a badge.
  if (award && last?.courseCompletedNow) await awardEarnedBadges(db, user.id, FIXTURE_BASE_URL);
  return last!;
}

/** The public address badges are issued under in these tests. */
export const FIXTURE_BASE_URL = "https://passerelle.test";

/** A workshop of `theme` the user attended (checked in), as the workshops domain records it. */
export async function attendWorkshop(db: DbOrTrx, userId: string, theme: string, startsAt = new Date(Date.now() - 2 * 86400_000)) {
  const workshop = await db
    .insertInto("workshop")
    .values({ title: `Atelier ${theme}`, themes: [theme], level: "debutant", is_remote: true, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 7200_000), seats: 10 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("attendance").values({ workshop_id: workshop.id, user_id: userId }).execute();
  return workshop.id;
}

/** A past virtual class linked to `linkedPath`, the user present for `share` of it. */
export async function attendClass(db: DbOrTrx, user: { id: string }, hostId: string, linkedPath: string, share: number) {
  const startsAt = new Date(Date.now() - 3 * 3600_000);
  const endsAt = new Date(startsAt.getTime() + 3600_000);
  const classroom = await db
    .insertInto("classroom")
    .values({ title: "Classe", linked_path: linkedPath, starts_at: startsAt, ends_at: endsAt, capacity: 10, host_id: hostId, room_name: `salle-${crypto.randomUUID()}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("classroom_registration").values({ classroom_id: classroom.id, user_id: user.id, registered_by: user.id }).execute();
  await db
    .insertInto("classroom_presence")
    .values({ classroom_id: classroom.id, user_id: user.id, participant_sid: `PA_${crypto.randomUUID()}`, joined_at: startsAt, left_at: new Date(startsAt.getTime() + share * 3600_000) })
    .execute();
  return classroom.id;
}
