import type { RichDoc } from "../../../db/schema/courses";
import type { OutlineRow } from "./queries.server";

export interface OutlineLesson {
  id: string;
  title: string;
  minutes: number;
  required: boolean;
  completed: boolean;
  /** 1-based number of the lesson in the whole course. */
  number: number;
}

export interface OutlineModule {
  id: string;
  title: string;
  lessons: OutlineLesson[];
}

export interface Outline {
  modules: OutlineModule[];
  lessons: OutlineLesson[];
  totalMinutes: number;
  requiredCount: number;
  completedRequired: number;
  body: RichDoc | null;
}

/** Groups the flat outline rows (ordered by module then lesson) into modules. */
export function buildOutline(rows: OutlineRow[]): Outline {
  const modules: OutlineModule[] = [];
  const lessons: OutlineLesson[] = [];
  let body: RichDoc | null = null;
  for (const row of rows) {
    let module = modules[modules.length - 1];
    if (!module || module.id !== row.module_id) {
      module = { id: row.module_id, title: row.module_title, lessons: [] };
      modules.push(module);
    }
    if (!row.lesson_id) continue;
    const lesson: OutlineLesson = {
      id: row.lesson_id,
      title: row.lesson_title!,
      minutes: row.estimated_minutes ?? 0,
      required: row.required ?? true,
      completed: row.completed_at !== null,
      number: lessons.length + 1,
    };
    module.lessons.push(lesson);
    lessons.push(lesson);
    if (row.body) body = row.body;
  }
  const required = lessons.filter((l) => l.required);
  return {
    modules,
    lessons,
    totalMinutes: lessons.reduce((sum, l) => sum + l.minutes, 0),
    requiredCount: required.length,
    completedRequired: required.filter((l) => l.completed).length,
    body,
  };
}

/**
 * Where "Reprendre" leads: the lesson last opened if it is not finished,
 * otherwise the next unfinished one after it, otherwise the first
 * unfinished one, otherwise the last one opened (or the first lesson).
 */
export function resumeLesson(lessons: OutlineLesson[], lastLessonId: string | null): OutlineLesson | undefined {
  const lastIndex = lastLessonId ? lessons.findIndex((l) => l.id === lastLessonId) : -1;
  if (lastIndex >= 0 && !lessons[lastIndex]!.completed) return lessons[lastIndex];
  const after = lessons.slice(lastIndex + 1).find((l) => !l.completed);
  return after ?? lessons.find((l) => !l.completed) ?? lessons[lastIndex] ?? lessons[0];
}

/**
 * The lesson most recently marked done, from the outline rows: « Reprendre »
 * continues after it (decision 042 — opening a lesson is not recorded).
 */
export function lastCompletedLessonId(rows: Pick<OutlineRow, "lesson_id" | "completed_at">[]): string | null {
  let last: { id: string; at: number } | null = null;
  for (const row of rows) {
    if (!row.lesson_id || !row.completed_at) continue;
    const at = new Date(row.completed_at).getTime();
    if (!last || at > last.at) last = { id: row.lesson_id, at };
  }
  return last?.id ?? null;
}
