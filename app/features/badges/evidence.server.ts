import type { Achievement } from "../../../db/schema/paths";
import type { DbOrTrx } from "../../lib/db.server";
import { courseEffort } from "../courses/learning.server";
import type { PathDefinition } from "../paths/model";
import { listWorkshopAttendance } from "../workshops/record.server";
import { ob3Evidence, shortfall, type AttendanceEvidence, type CourseEffort } from "./evidence";

/**
 * The evidence of an achievement for one learner, read from each domain's own
 * export: the courses it counts (the course itself, or the path's course
 * steps done) and the workshops of the path's themes the learner attended.
 * (Virtual classes count for their steps but are not listed yet.)
 */
export async function collectEvidence(
  db: DbOrTrx,
  userId: string,
  achievement: Achievement,
  { path, completedCourses }: { path?: PathDefinition; completedCourses: ReadonlyMap<string, Date> },
) {
  const slugs = path ? path.steps.flatMap((s) => (s.kind === "course" && s.courseSlug && completedCourses.has(s.courseSlug) ? [s.courseSlug] : [])) : [achievement.course_slug ?? ""];
  const rows = await courseEffort(db, userId, slugs);
  const courses: CourseEffort[] = rows
    .filter((r) => completedCourses.has(r.slug))
    .map((r) => ({
      slug: r.slug,
      title: r.title,
      completedAt: completedCourses.get(r.slug)!,
      lessonsDone: Number(r.lessonsDone),
      minutes: Number(r.seconds) / 60,
      lowestScore: r.lowestScore === null ? null : Number(r.lowestScore),
    }));
  const attended: AttendanceEvidence[] = [];
  if (path) {
    const themes = new Set(path.steps.flatMap((s) => (s.kind === "workshop_theme" && s.workshopTheme ? [s.workshopTheme] : [])));
    for (const w of await listWorkshopAttendance(db, userId)) {
      if (w.themes.some((t) => themes.has(t))) attended.push({ kind: "workshop", title: w.title, date: w.checkedInAt ?? w.startsAt, place: w.place });
    }
  }
  const dates = [...courses.map((c) => c.completedAt), ...attended.map((a) => a.date)].map((d) => d.getTime());
  const firstOpened = rows.map((r) => (r.firstOpened ? new Date(r.firstOpened).getTime() : Infinity));
  return {
    missing: shortfall(achievement, courses),
    evidence: ob3Evidence(courses, attended),
    activityStartDate: dates.length || firstOpened.length ? new Date(Math.min(...dates, ...firstOpened)) : null,
    activityEndDate: dates.length ? new Date(Math.max(...dates)) : null,
  };
}
