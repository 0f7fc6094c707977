import type { Role } from "../../../db/schema/accounts";
import { appError } from "../../lib/errors";
import { can } from "../../lib/permissions";

// Who may do what with courses. Pure, so the same check decides on the
// server and hides links in the UI; the services call it once per verb.

type Actor = { role: Role } | null | undefined;

/** Teachers, mediators and coordinators write courses. */
export function canAuthorCourses(user: Actor) {
  return can(user, "create:course:own");
}

/** Authors edit their own courses (drafts included); coordinators edit all. */
export function canEditCourse(user: Actor, { isAuthor }: { isAuthor: boolean }) {
  return can(user, "update:course:any") || (isAuthor && can(user, "update:course:own"));
}

/** Coordinators see every course in the authoring list. */
export function canSeeAllCourses(user: Actor) {
  return can(user, "update:course:any");
}

export const courseNotFound = () => appError(404, "not_found", "courses:errors.course_not_found");
export const lessonNotFound = () => appError(404, "not_found", "courses:errors.lesson_not_found");
export const courseForbidden = () => appError(403, "forbidden", "courses:errors.forbidden");
