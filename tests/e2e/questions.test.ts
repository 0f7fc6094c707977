import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, openMenu, signIn, waitForMail } from "../helpers/browser";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { seedCourse, type SeededCourse } from "../integration/courses-helpers";

/**
 * Issue 19, acceptance 4 and 6: a learner asks a question on a lesson (a
 * phone, large text; the learner's pages ship no script, checked at each step,
 * so they work with JavaScript off); the course's mediator answers from the
 * queue; the learner finds it in « Mes notifications » and in their mail; a
 * public question shows under the lesson only once a tutor approved it.
 * axe-core finds nothing on every new page.
 */

const PHONE = { width: 390, height: 844 };
let browser: Browser;
let database: OpenedDatabase;
let course: SeededCourse;
let learner: { email: string | null; first_name: string };

beforeAll(async () => {
  browser = await launchBrowser();
  database = await openDatabase({ url: inject("appDatabaseUrl"), poolSize: 2 });
  const db = database.db;
  const mediator = await db.selectFrom("app_user").select("id").where("email", "=", DEMO.mediator).executeTakeFirstOrThrow();
  course = await seedCourse(db, { title: "Prendre en main son smartphone", authorId: mediator.id });
  learner = await createUser(db, { firstName: "Paulette" });
});

afterAll(async () => {
  await browser?.close();
  await database?.close();
});

/** A phone, « Texte plus grand » on. */
async function learnerPhone(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: PHONE, hasTouch: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await signIn(page, learner.email!, TEST_PASSWORD);
  await openMenu(page);
  await page.getByRole("button", { name: "Texte plus grand" }).click();
  await page.waitForLoadState("load");
  return page;
}

/** What every learner page passes on the phone: large text, no sideways scroll, no script, axe clean. */
async function checkPhonePage(page: Page, label: string) {
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => document.documentElement.classList.contains("large-text")), label).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${label}: sideways scroll`).toBeLessThanOrEqual(0);
  expect(await page.locator("script[src]").count(), `${label}: scripts`).toBe(0);
  await expectNoA11yViolations(page, label);
}

const lessonPath = () => `/cours/${course.slug}/lecons/${course.lessons[0]}`;
const QUESTION = "Je ne comprends pas comment on ajoute un contact.";
const ANSWER = "Ouvrez l'application Contacts, puis touchez le bouton +.";

describe("questions on lessons (issue 19)", () => {
  it("a learner asks, the mediator answers from the queue, the learner is notified in the app and by e-mail; the question shows after approval", async () => {
    const started = Date.now();
    const phone = await learnerPhone();
    await phone.goto(lessonPath());
    await checkPhonePage(phone, "lesson before");
    await phone.getByRole("link", { name: "Je ne comprends pas : poser une question" }).click();
    await checkPhonePage(phone, "ask page");

    // Nothing typed: a translated message and a 400, nothing stored.
    const empty = phone.waitForResponse((r) => r.request().method() === "POST");
    await phone.getByRole("button", { name: "Envoyer ma question" }).click();
    expect((await empty).status()).toBe(400);
    await expect.poll(() => phone.getByRole("alert").textContent()).toContain("Écrivez votre question.");
    await checkPhonePage(phone, "ask page with an error");

    await phone.getByLabel("Votre question").fill(QUESTION);
    await phone.getByLabel(/Aussi les autres personnes/).check();
    await phone.getByRole("button", { name: "Envoyer ma question" }).click();
    await phone.waitForLoadState("load");
    await expect.poll(() => phone.getByRole("status").first().textContent()).toContain("Votre question est envoyée");
    await expect.poll(() => phone.locator("#mes-questions").textContent()).toContain("en attente de réponse");
    await checkPhonePage(phone, "ask page after sending");

    // The course's mediator answers from the queue.
    const staff = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR" });
    staff.setDefaultTimeout(10_000);
    const mediator = await staff.newPage();
    await signIn(mediator, DEMO.mediator, DEMO.password);
    await mediator.goto("/accompagnement/questions");
    await expectNoA11yViolations(mediator, "queue");
    const item = mediator.locator("li.question", { hasText: QUESTION });
    await item.getByLabel("Votre réponse").fill(ANSWER);
    await item.getByRole("button", { name: "Envoyer la réponse" }).click();
    await mediator.waitForLoadState("load");
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("Votre réponse est envoyée");
    await expectNoA11yViolations(mediator, "queue after answering");

    // The learner: a count in the header, the notification in « Mes notifications », a mail.
    await phone.goto("/");
    await openMenu(phone);
    await expect.poll(() => phone.locator(".menu-panel").textContent()).toContain("Mes notifications (1 nouvelle)");
    await phone.getByRole("link", { name: /Mes notifications/ }).click();
    await checkPhonePage(phone, "my notifications");
    const note = phone.getByRole("link", { name: /Un formateur a répondu à votre question/ });
    expect(await note.count()).toBe(1);
    const mail = await waitForMail(learner.email!, { after: started });
    expect(mail).toContain("Un formateur a répondu à votre question");
    expect(mail).toContain(`${lessonPath()}#question-`);
    await phone.getByRole("button", { name: /Marquer comme lue/ }).click();
    await phone.waitForLoadState("load");
    await expect.poll(() => phone.locator("main").textContent()).toContain("Vous avez tout lu.");
    await note.click();
    await phone.waitForLoadState("load");
    expect(new URL(phone.url()).pathname).toBe(lessonPath());
    await expect.poll(() => phone.locator("#mes-questions").textContent()).toContain(ANSWER);
    await checkPhonePage(phone, "lesson with my answered question");

    // Public, answered, not yet approved: another person does not see it.
    const visitor = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR" });
    const other = await visitor.newPage();
    await other.goto(lessonPath());
    expect(await other.locator("main").textContent()).not.toContain(QUESTION);

    // A tutor approves it: now it is under the lesson for everyone.
    await mediator.goto("/accompagnement/questions");
    await mediator.locator("li.question", { hasText: QUESTION }).getByRole("button", { name: "Publier sous la leçon" }).click();
    await mediator.waitForLoadState("load");
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("publiées sous la leçon");
    await other.goto(lessonPath());
    expect(await other.locator("#questions").textContent()).toContain(QUESTION);
    expect(await other.locator("#questions").textContent()).toContain(ANSWER);
    await expectNoA11yViolations(other, "lesson with a published question");

    // One place to choose how notifications are mailed.
    await phone.goto("/compte/notifications");
    await checkPhonePage(phone, "notification settings");
    await phone.getByLabel(/Jamais/).check();
    await phone.getByRole("button", { name: "Enregistrer mon choix" }).click();
    await phone.waitForLoadState("load");
    await expect.poll(() => phone.getByRole("status").first().textContent()).toContain("Votre choix est enregistré.");
    expect(await phone.getByLabel(/Jamais/).isChecked()).toBe(true);
    await checkPhonePage(phone, "notification settings saved");

    // Without JavaScript at all: the same form posts and answers.
    const noScript = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: PHONE, javaScriptEnabled: false });
    noScript.setDefaultTimeout(10_000);
    await noScript.addCookies(await phone.context().cookies());
    const plain = await noScript.newPage();
    await plain.goto(`${lessonPath()}/question`);
    await plain.getByLabel("Votre question").fill("Et pour supprimer un contact ?");
    await plain.getByRole("button", { name: "Envoyer ma question" }).click();
    await plain.waitForLoadState("load");
    expect(await plain.locator("main").textContent()).toContain("Votre question est envoyée");
    expect(await plain.locator("#mes-questions").textContent()).toContain("Et pour supprimer un contact ?");
    await noScript.close();

    await staff.close();
    await visitor.close();
    await phone.context().close();
  }, 180_000);
});
