import type { DbOrTrx } from "../../lib/db.server";
import { listClassAttendance } from "../classrooms/service.server";
import { listCompletedCourses } from "../courses/learning.server";
import { listWorkshopAttendance } from "../workshops/record.server";
import type { LearnerRecord } from "./progress";
import { listClassLinks, listStartedCourseSlugs } from "./queries.server";

/**
 * The learner record, as the paths need it, read through each domain's own
 * export: completed courses (courses), attended workshops (workshops),
 * attended virtual classes (classrooms). Nothing here is typed in by hand.
 */
export async function loadLearnerRecord(db: DbOrTrx, userId: string): Promise<LearnerRecord> {
  const [completed, started, workshops, classes] = await Promise.all([
    listCompletedCourses(db, userId),
    listStartedCourseSlugs(db, userId),
    listWorkshopAttendance(db, userId),
    listClassAttendance(db, userId),
  ]);
  const attendedIds = classes.filter((c) => c.attended).map((c) => c.classroomId);
  const links = await listClassLinks(db, attendedIds);
  return {
    completedCourses: new Map(completed.map((c) => [c.slug, c.completedAt])),
    startedCourses: new Set(started),
    workshops: workshops.map((w) => ({ themes: w.themes, attendedAt: w.checkedInAt ?? w.startsAt })),
    classes: classes.map((c) => ({ linkedPath: links.get(c.classroomId) ?? null, attended: c.attended, heldAt: c.startsAt })),
  };
}
