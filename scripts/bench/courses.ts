// Courses bench: 300 published courses and 3,000 lessons written straight
// into the bench database, then the catalogue, a search, a course page and a
// lesson page (anonymous, and signed in — which records the visit) measured.
import { sql } from "kysely";
import type { RichDoc } from "../../db/schema/courses";
import { sessionCookieHeader, createSession } from "../../app/lib/session.server";
import { measure, type BenchContext } from "./lib";

const COURSES = 300;
const MODULES_PER_COURSE = 2;
const LESSONS_PER_MODULE = 5;

const WORDS = ["démarches", "arnaques", "e-mail", "emploi", "santé", "banque", "photos", "tablette", "sécurité", "réseaux", "impôts", "logement"];
const AUDIENCES = ["seniors", "youth", "job_seekers", "business_owners", "everyone"] as const;
const THEMES = ["email", "securite_numerique", "insertion_professionnelle", "aide_aux_demarches_administratives", "banque_et_achats_en_ligne"];

const body = (n: number): RichDoc => ({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Partie ${n}` }] },
    ...Array.from({ length: 6 }, (_, i) => ({
      type: "paragraph",
      content: [
        { type: "text", text: "Un paragraphe de leçon, écrit simplement, avec " },
        { type: "text", text: "un mot important", marks: [{ type: "bold" }] },
        { type: "text", text: ` et un lien vers ` },
        { type: "text", text: "un site officiel", marks: [{ type: "link", attrs: { href: "https://www.service-public.fr/" } }] },
        { type: "text", text: `. (${i + 1})` },
      ],
    })),
    { type: "callout", attrs: { variant: "conseil" }, content: [{ type: "paragraph", content: [{ type: "text", text: "Prenez votre temps." }] }] },
    { type: "bulletList", content: ["un", "deux", "trois"].map((t) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: t }] }] })) },
  ],
});

export async function seed(ctx: Pick<BenchContext, "db" | "report">) {
  const started = Date.now();
  const courses = await ctx.db
    .insertInto("course")
    .values(
      Array.from({ length: COURSES }, (_, i) => ({
        slug: `bench-cours-${i}`,
        title: `Cours ${i} : ${WORDS[i % WORDS.length]} et ${WORDS[(i * 7 + 3) % WORDS.length]}`,
        summary: `Un cours de démonstration sur ${WORDS[(i * 5 + 1) % WORDS.length]}, pour apprendre pas à pas.`,
        audiences: [AUDIENCES[i % AUDIENCES.length]!],
        themes: [THEMES[i % THEMES.length]!],
        level: i % 3 === 0 ? ("intermediaire" as const) : ("debutant" as const),
        status: "published" as const,
        published_at: new Date(),
      })),
    )
    .returning(["id", "slug"])
    .execute();
  const modules = await ctx.db
    .insertInto("course_module")
    .values(courses.flatMap((c) => Array.from({ length: MODULES_PER_COURSE }, (_, m) => ({ course_id: c.id, position: m, title: `Module ${m + 1}` }))))
    .returning(["id", "course_id", "position"])
    .execute();
  const lessons = modules.flatMap((m) =>
    Array.from({ length: LESSONS_PER_MODULE }, (_, l) => ({
      course_id: m.course_id,
      module_id: m.id,
      position: l,
      title: `Leçon ${m.position * LESSONS_PER_MODULE + l + 1}`,
      estimated_minutes: 5 + l,
      body: body(l),
    })),
  );
  for (let i = 0; i < lessons.length; i += 500) await ctx.db.insertInto("lesson").values(lessons.slice(i, i + 500)).execute();
  await sql`update course set search_extra = (select string_agg(title, ' ') from lesson where lesson.course_id = course.id) where slug like 'bench-cours-%'`.execute(ctx.db);
  await sql`analyze`.execute(ctx.db);
  ctx.report("courses: seeded", { courses: courses.length, lessons: lessons.length, ms: Date.now() - started });
  const target = courses[Math.floor(COURSES / 2)]!;
  const lesson = await ctx.db
    .selectFrom("lesson")
    .select("id")
    .where("course_id", "=", target.id)
    .orderBy("module_id")
    .orderBy("position")
    .offset(3)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { slug: target.slug, lessonId: lesson.id };
}

async function signedInCookie(ctx: BenchContext) {
  const user = await ctx.db
    .insertInto("app_user")
    .values({ email: `bench-courses-${Date.now()}@bench.passerelle.fr`, first_name: "Bench", role: "learner" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const token = await createSession(ctx.db, user.id);
  return (await sessionCookieHeader(token, new Date(Date.now() + 86_400_000))).split(";")[0]!;
}

export default async function (ctx: BenchContext) {
  const { slug, lessonId } = await seed(ctx);
  const cookie = await signedInCookie(ctx);
  const pages: [string, string, Record<string, string>?][] = [
    ["courses: catalogue /cours", "/cours"],
    ["courses: catalogue page 10", "/cours?page=10"],
    ["courses: search 'demarches'", "/cours?q=demarches&public=everyone"],
    ["courses: course page", `/cours/${slug}`],
    ["courses: lesson page (anonymous)", `/cours/${slug}/lecons/${lessonId}`],
    ["courses: lesson page (signed in)", `/cours/${slug}/lecons/${lessonId}`, { Cookie: cookie }],
  ];
  for (const [name, path, headers] of pages) {
    const res = await fetch(`${ctx.baseUrl}${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    const scripts = ((await res.text()).match(/<script[^>]+src=/g) ?? []).length;
    ctx.report(name, { ...(await measure(`${ctx.baseUrl}${path}`, { seconds: ctx.seconds, headers })), scripts });
  }
}
