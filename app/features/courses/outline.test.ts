import { describe, expect, it } from "vitest";
import { buildOutline, resumeLesson } from "./outline";
import type { OutlineRow } from "./queries.server";

const row = (module: string, lesson: string | null, completed = false, extra: Partial<OutlineRow> = {}): OutlineRow => ({
  module_id: module,
  module_title: `Module ${module}`,
  module_position: 0,
  lesson_id: lesson,
  lesson_title: lesson ? `Leçon ${lesson}` : null,
  lesson_position: 0,
  estimated_minutes: lesson ? 10 : null,
  required: lesson ? true : null,
  completed_at: completed ? new Date() : null,
  body: null,
  ...extra,
});

describe("course outline", () => {
  const outline = buildOutline([row("m1", "a", true), row("m1", "b", true), row("m2", "c"), row("m2", "d"), row("m3", null)]);

  it("groups lessons by module, keeps empty modules and counts progress", () => {
    expect(outline.modules.map((m) => [m.id, m.lessons.map((l) => l.id)])).toEqual([["m1", ["a", "b"]], ["m2", ["c", "d"]], ["m3", []]]);
    expect(outline.lessons.map((l) => l.number)).toEqual([1, 2, 3, 4]);
    expect(outline.totalMinutes).toBe(40);
    expect([outline.completedRequired, outline.requiredCount]).toEqual([2, 4]);
  });

  it("resumes at the last lesson opened, or the next unfinished one", () => {
    expect(resumeLesson(outline.lessons, "c")?.id).toBe("c");
    expect(resumeLesson(outline.lessons, "b")?.id).toBe("c");
    expect(resumeLesson(outline.lessons, null)?.id).toBe("c");
    expect(resumeLesson(outline.lessons, "gone")?.id).toBe("c");
    const done = buildOutline([row("m", "a", true), row("m", "b", true)]);
    expect(resumeLesson(done.lessons, "a")?.id).toBe("a");
    expect(resumeLesson(done.lessons, null)?.id).toBe("a");
    expect(resumeLesson([], null)).toBeUndefined();
  });

  it("does not count optional lessons towards completion", () => {
    const o = buildOutline([row("m", "a", true), row("m", "b", false, { required: false })]);
    expect([o.completedRequired, o.requiredCount]).toEqual([1, 1]);
  });
});
