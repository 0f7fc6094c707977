import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, signIn } from "../helpers/browser";
import { createUser } from "../helpers/fixtures";

let browser: Browser;
let database: OpenedDatabase;

beforeAll(async () => {
  browser = await launchBrowser();
  database = await openDatabase({ url: inject("appDatabaseUrl"), poolSize: 2 });
});
afterAll(async () => {
  await browser?.close();
  await database?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A published course of the demo teacher: one module, three lessons; a learner completed the second. */
async function courseWithProgress() {
  const db = database.db;
  const teacher = await db.selectFrom("app_user").select("id").where("email", "=", DEMO.teacher).executeTakeFirstOrThrow();
  const course = await db
    .insertInto("course")
    .values({ slug: `corbeille-${unique()}`, title: "Cours à ranger", audiences: ["everyone"], status: "published", published_at: new Date(), created_by: teacher.id })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  await db.insertInto("course_author").values({ course_id: course.id, user_id: teacher.id }).execute();
  const mod = await db.insertInto("course_module").values({ course_id: course.id, position: 0, title: "Les bases" }).returning("id").executeTakeFirstOrThrow();
  const lessons: string[] = [];
  for (const [position, title] of ["Allumer la tablette", "Ouvrir une application", "Éteindre la tablette"].entries()) {
    const lesson = await db.insertInto("lesson").values({ course_id: course.id, module_id: mod.id, position, title }).returning("id").executeTakeFirstOrThrow();
    lessons.push(lesson.id);
  }
  const learner = await createUser(db, { role: "learner" });
  await db.insertInto("enrolment").values({ user_id: learner.id, course_id: course.id }).execute();
  await db.insertInto("lesson_progress").values({ user_id: learner.id, course_id: course.id, lesson_id: lessons[1]!, completed_at: new Date() }).execute();
  return { ...course, lessons };
}

describe("the course trash in the browser", () => {
  it("asks before deleting a lesson, without JavaScript, then restores it from the trash with its progress", async () => {
    const course = await courseWithProgress();
    // No JavaScript at all: the two steps are plain forms.
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, DEMO.teacher, DEMO.password);
    // axe needs JavaScript: the same pages are checked in a second window where it runs.
    const checker = await browser.newPage({ baseURL: baseUrl(), locale: "fr-FR" });
    await signIn(checker, DEMO.teacher, DEMO.password);
    const a11y = async (label: string) => {
      await checker.goto(page.url());
      await expectNoA11yViolations(checker, label);
    };
    await page.goto(`/creer/cours/${course.id}`);
    const structure = page.getByRole("region", { name: "Programme : modules et leçons" });
    const trash = page.getByRole("region", { name: "Corbeille" });
    await trash.getByText("La corbeille est vide.").waitFor();

    // Step one shows what will happen; "Annuler" changes nothing.
    await structure.getByRole("button", { name: "Supprimer la leçon « Ouvrir une application »" }).click();
    const confirmation = page.getByRole("region", { name: "Supprimer la leçon « Ouvrir une application » ?" });
    await confirmation.waitFor();
    expect(page.url()).toContain("supprimer=lecon");
    expect(page.url()).toContain("#suppression");
    await confirmation.getByText("Une personne a commencé cette leçon, dont une qui l'a terminée. Leur progression est gardée.").waitFor();
    await confirmation.getByText(/Vous pourrez la restaurer pendant 30 jours/).waitFor();
    await a11y("deletion confirmation");
    await confirmation.getByRole("link", { name: "Annuler" }).click();
    await expect.poll(() => page.getByRole("region", { name: /^Supprimer la leçon/ }).count()).toBe(0);
    expect(await structure.getByRole("link", { name: "Ouvrir une application" }).count()).toBe(1);

    // Step two: "Supprimer" puts it in the trash.
    await structure.getByRole("button", { name: "Supprimer la leçon « Ouvrir une application »" }).click();
    await page.getByRole("region", { name: "Supprimer la leçon « Ouvrir une application » ?" }).getByRole("button", { name: "Supprimer", exact: true }).click();
    await page.getByText("C'est dans la corbeille du cours").waitFor();
    expect(await structure.getByRole("link", { name: "Ouvrir une application" }).count()).toBe(0);
    await trash.getByRole("listitem").getByText("Leçon « Ouvrir une application » (module « Les bases »)", { exact: true }).first().waitFor();
    await a11y("course editor with a trashed lesson");

    // Learners no longer see it.
    const visitor = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", javaScriptEnabled: false });
    const anonymous = await visitor.newPage();
    await anonymous.goto(`/cours/${course.slug}`);
    await anonymous.getByRole("heading", { level: 1, name: "Cours à ranger" }).waitFor();
    expect(await anonymous.getByText("Ouvrir une application").count()).toBe(0);
    expect((await anonymous.goto(`/cours/${course.slug}/lecons/${course.lessons[1]}`))?.status()).toBe(404);

    // "Restaurer" puts it back in its place, with the learner's progress.
    await trash.getByRole("button", { name: "Restaurer Leçon « Ouvrir une application » (module « Les bases »)" }).click();
    await page.getByText("C'est remis à sa place, avec la progression des personnes.").waitFor();
    expect(await structure.getByRole("listitem").getByRole("link").allTextContents()).toEqual([
      "Allumer la tablette",
      "Ouvrir une application",
      "Éteindre la tablette",
    ]);
    await trash.getByText("La corbeille est vide.").waitFor();
    const progress = await database.db.selectFrom("lesson_progress").select("completed_at").where("lesson_id", "=", course.lessons[1]!).execute();
    expect(progress).toHaveLength(1);
    expect(progress[0]!.completed_at).not.toBeNull();
    await anonymous.goto(`/cours/${course.slug}`);
    await anonymous.getByText("Ouvrir une application").first().waitFor();
    await visitor.close();
    await checker.context().close();
    await context.close();
  });
});
