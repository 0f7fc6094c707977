import type { DbOrTrx } from "../../lib/db.server";
import type { StepKind } from "../../../db/schema/paths";

export function listPublishedPaths(db: DbOrTrx) {
  return db
    .selectFrom("learning_path")
    .selectAll()
    .where("status", "=", "published")
    .orderBy("position")
    .orderBy("title")
    .execute();
}

export function findPathBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom("learning_path").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function listStepsOfPaths(db: DbOrTrx, pathIds: string[]) {
  if (!pathIds.length) return Promise.resolve([]);
  return db.selectFrom("path_step").selectAll().where("path_id", "in", pathIds).orderBy("path_id").orderBy("position").execute();
}

/** Published courses among `slugs` (read from the courses domain's table, by slug). */
export async function listPublishedCourseSlugs(db: DbOrTrx, slugs: string[]) {
  if (!slugs.length) return [];
  const rows = await db.selectFrom("course").select("slug").where("slug", "in", slugs).where("status", "=", "published").execute();
  return rows.map((r) => r.slug);
}

export function findCourseTitles(db: DbOrTrx, slugs: string[]) {
  if (!slugs.length) return Promise.resolve([]);
  return db.selectFrom("course").select(["slug", "title"]).where("slug", "in", slugs).execute();
}

export function upsertPath(
  db: DbOrTrx,
  values: { slug: string; title: string; audience: string; goal: string; summary: string; position: number; contentHash: string },
) {
  const row = {
    slug: values.slug,
    title: values.title,
    audience: values.audience as "seniors",
    goal: values.goal,
    summary: values.summary,
    position: values.position,
    status: "published" as const,
    content_hash: values.contentHash,
  };
  return db
    .insertInto("learning_path")
    .values(row)
    .onConflict((oc) => oc.column("slug").doUpdateSet({ ...row, updated_at: new Date() }))
    .returning(["id", "content_hash"])
    .executeTakeFirstOrThrow();
}

/** A path step as stored, without its path and position. */
export interface StepRow {
  key: string;
  kind: StepKind;
  title: string;
  description: string;
  course_slug: string | null;
  workshop_theme: string | null;
  optional: boolean;
  requires: string[];
  competences: string[];
}

export async function replaceSteps(db: DbOrTrx, pathId: string, steps: StepRow[]) {
  const keys = steps.map((s) => s.key);
  let del = db.deleteFrom("path_step").where("path_id", "=", pathId);
  if (keys.length) del = del.where("key", "not in", keys);
  await del.execute();
  for (const [position, step] of steps.entries()) {
    const row = { ...step, path_id: pathId, position };
    await db
      .insertInto("path_step")
      .values(row)
      .onConflict((oc) => oc.columns(["path_id", "key"]).doUpdateSet(row))
      .execute();
  }
}

export async function findAchievementHash(db: DbOrTrx, slug: string) {
  return (await db.selectFrom("achievement").select("content_hash").where("slug", "=", slug).executeTakeFirst())?.content_hash ?? null;
}

export function upsertAchievement(
  db: DbOrTrx,
  values: {
    slug: string;
    kind: "path" | "course";
    pathId: string | null;
    courseSlug: string | null;
    name: string;
    description: string;
    criteria: string;
    passMark?: number | null;
    minLessonMinutes?: number | null;
    competences: string[];
    contentHash: string;
  },
) {
  const row = {
    slug: values.slug,
    kind: values.kind,
    path_id: values.pathId,
    course_slug: values.courseSlug,
    name: values.name,
    description: values.description,
    criteria: values.criteria,
    pass_mark: values.passMark ?? null,
    min_lesson_minutes: values.minLessonMinutes ?? null,
    competences: values.competences,
    content_hash: values.contentHash,
  };
  return db
    .insertInto("achievement")
    .values(row)
    .onConflict((oc) => oc.column("slug").doUpdateSet({ ...row, updated_at: new Date() }))
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Courses the learner enrolled in and has not completed yet. */
export async function listStartedCourseSlugs(db: DbOrTrx, userId: string) {
  const rows = await db
    .selectFrom("enrolment")
    .innerJoin("course", "course.id", "enrolment.course_id")
    .select("course.slug")
    .where("enrolment.user_id", "=", userId)
    .where("enrolment.completed_at", "is", null)
    .execute();
  return rows.map((r) => r.slug);
}

/** The `linked_path` of classes: a class counts for the path step it links to. */
export async function listClassLinks(db: DbOrTrx, classroomIds: string[]) {
  if (!classroomIds.length) return new Map<string, string | null>();
  const rows = await db.selectFrom("classroom").select(["id", "linked_path"]).where("id", "in", classroomIds).execute();
  return new Map(rows.map((r) => [r.id, r.linked_path]));
}

/** Upcoming classes linked to steps of a path (by their `linked_path`), for the path page. */
export async function listUpcomingLinkedClasses(db: DbOrTrx, linkedPaths: string[], now = new Date()) {
  if (!linkedPaths.length) return [];
  return db
    .selectFrom("classroom")
    .select(["id", "title", "starts_at", "linked_path"])
    .where("linked_path", "in", linkedPaths)
    .where("cancelled_at", "is", null)
    .where("starts_at", ">", now)
    .orderBy("starts_at")
    .limit(20)
    .execute();
}

/* A person's data, for "download my data" */

export function listDiagnosticsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("diagnostic_result")
    .select(["created_at", "goal", "answers", "competence_scores", "domain_levels", "recommended_path_slug", "claimed_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

export function listBusinessDiagnosticsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("business_diagnostic")
    .select(["created_at", "business_name", "sector", "commune", "answers", "axis_scores", "overall_score"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

/** Badges with their signed credentials, revoked ones included. */
export function listBadgesOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("badge")
    .innerJoin("achievement", "achievement.id", "badge.achievement_id")
    .select(["badge.id", "achievement.name", "badge.issued_at", "badge.show_name", "badge.revoked_at", "badge.credential", "badge.credential_jwt"])
    .where("badge.user_id", "=", userId)
    .orderBy("badge.issued_at")
    .execute();
}

/** Pre-diagnostics may name a sole trader's business: they go with the account. */
export async function deleteBusinessDiagnosticsOf(db: DbOrTrx, userId: string) {
  await db.deleteFrom("business_diagnostic").where("user_id", "=", userId).execute();
}
