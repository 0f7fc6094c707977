import type { Audience, CourseLevel, CourseStatus, RichDoc } from "../../db/schema/courses";
import type { DbOrTrx } from "../../app/lib/db.server";

let counter = 0;

export interface SeededCourse {
  id: string;
  slug: string;
  modules: string[];
  lessons: string[];
}

/** A course with `modules` × `lessonsPerModule` lessons, written directly (no permission checks). */
export async function seedCourse(
  db: DbOrTrx,
  {
    title = "Cours d'essai",
    slug = `cours-essai-${Date.now().toString(36)}-${++counter}`,
    summary = "",
    status = "published",
    audiences = ["everyone"],
    themes = [],
    level = "debutant",
    modules = 1,
    lessonsPerModule = 3,
    authorId = null,
    body,
  }: {
    title?: string;
    slug?: string;
    summary?: string;
    status?: CourseStatus;
    audiences?: Audience[];
    themes?: string[];
    level?: CourseLevel;
    modules?: number;
    lessonsPerModule?: number;
    authorId?: string | null;
    body?: unknown;
  } = {},
): Promise<SeededCourse> {
  const course = await db
    .insertInto("course")
    .values({ slug, title, summary, status, audiences, themes, level, created_by: authorId, published_at: status === "published" ? new Date() : null })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  if (authorId) await db.insertInto("course_author").values({ course_id: course.id, user_id: authorId }).execute();
  const moduleIds: string[] = [];
  const lessonIds: string[] = [];
  for (let m = 0; m < modules; m++) {
    const mod = await db
      .insertInto("course_module")
      .values({ course_id: course.id, position: m, title: `Module ${m + 1}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    moduleIds.push(mod.id);
    for (let l = 0; l < lessonsPerModule; l++) {
      const lesson = await db
        .insertInto("lesson")
        .values({
          course_id: course.id,
          module_id: mod.id,
          position: l,
          title: `Leçon ${m + 1}.${l + 1}`,
          estimated_minutes: 5,
          body: (body ?? { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `Texte ${m + 1}.${l + 1}` }] }] }) as RichDoc,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      lessonIds.push(lesson.id);
    }
  }
  return { id: course.id, slug: course.slug, modules: moduleIds, lessons: lessonIds };
}
