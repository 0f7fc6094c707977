import type { User } from "../../../../db/schema/accounts";
import type { Db } from "../../../lib/db.server";
import * as authoring from "../authoring.server";
import type { CourseEdit } from "../schemas";
import { restoreCourseItem, trashCourseItem } from "../trash.server";

/**
 * What an edit of the course editor leads to: back to the editor with a
 * confirmation (`ok`, the `?ok=` of the page), or to a lesson just added.
 */
export type CourseEditOutcome = { ok: string } | { lessonId: string };

/** Runs one of the course editor's forms (each verb checks the author's rights). */
export async function editCourse(db: Db, user: User, courseId: string, edit: CourseEdit): Promise<CourseEditOutcome> {
  switch (edit.intent) {
    case "details": {
      const { intent: _, ...details } = edit;
      await authoring.updateCourseDetails(db, user, courseId, details);
      return { ok: "details" };
    }
    case "cover":
      await authoring.setCourseCover(db, user, courseId, { file: edit.cover, alt: edit.coverAlt });
      return { ok: "cover" };
    case "remove-cover":
      await authoring.removeCourseCover(db, user, courseId);
      return { ok: "cover" };
    case "publish":
    case "unpublish":
      await authoring.setCoursePublished(db, user, courseId, edit.intent === "publish");
      return { ok: edit.intent === "publish" ? "published" : "unpublished" };
    case "add-module":
      await authoring.addModule(db, user, courseId, edit.title);
      return { ok: "structure" };
    case "rename-module":
      await authoring.renameModule(db, user, courseId, edit.id, edit.title);
      return { ok: "structure" };
    case "add-lesson": {
      const lesson = await authoring.addLesson(db, user, courseId, edit.moduleId, edit.title);
      return { lessonId: lesson.id };
    }
    case "move-module":
    case "move-lesson": {
      const move = edit.intent === "move-module" ? authoring.moveModule : authoring.moveLesson;
      await move(db, user, courseId, edit.id, edit.direction);
      return { ok: "structure" };
    }
    case "trash-module":
    case "trash-lesson":
    case "restore-module":
    case "restore-lesson": {
      const [verb, kind] = edit.intent.split("-") as ["trash" | "restore", "module" | "lesson"];
      const change = verb === "trash" ? trashCourseItem : restoreCourseItem;
      await change(db, user, courseId, { kind, id: edit.id });
      return { ok: verb === "trash" ? "trashed" : "restored" };
    }
  }
}
