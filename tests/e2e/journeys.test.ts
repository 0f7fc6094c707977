import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueAccessCardWithin } from "../../app/features/mediation/access-card.server";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, openMenu, signIn, waitForMail } from "../helpers/browser";
import { h5pFrames } from "./h5p-support";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";

/**
 * Issue 13: the learner journeys as a senior meets them — a 390×844 phone,
 * « Texte plus grand » on. At every step: the header takes at most a fifth of
 * the screen, nothing scrolls sideways, axe-core finds nothing, the page ships
 * no script, and a screenshot at phone and desktop size goes to
 * test-results/journeys/ (git-ignored) for a person to look at.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = path.resolve("test-results/journeys");

/** Header height per step, written next to the screenshots. */
const measured: Record<string, number> = {};
let browser: Browser;
let database: OpenedDatabase;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  database = await openDatabase({ url: inject("appDatabaseUrl"), poolSize: 2 });
});

afterAll(async () => {
  writeFileSync(path.join(SHOTS, "header-heights.json"), `${JSON.stringify(measured, null, 2)}\n`);
  await browser?.close();
  await database?.close();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: PHONE, hasTouch: true });
  return context.newPage();
}

/** Opens the « Menu » disclosure (a <details>: no script needed). */
/** Turns a display mode on from the menu, the way a person would. */
async function turnOn(page: Page, mode: "Texte plus grand" | "Contraste renforcé") {
  await openMenu(page);
  const button = page.getByRole("button", { name: mode });
  if ((await button.getAttribute("aria-pressed")) === "true") return;
  await button.click();
  const cls = mode === "Texte plus grand" ? "large-text" : "high-contrast";
  await page.waitForFunction((c) => document.documentElement.classList.contains(c), cls);
}

/** The checks every step of every journey passes, and its screenshots. */
async function step(page: Page, journey: string, n: number, name: string, { script = false } = {}) {
  const label = `${journey} ${n} ${name}`;
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => document.documentElement.classList.contains("large-text")), label).toBe(true);
  const header = await page.locator("header.site-header").boundingBox();
  expect(header!.height, `${label}: header height`).toBeLessThanOrEqual(PHONE.height * 0.2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: sideways scroll`).toBeLessThanOrEqual(0);
  if (!script) expect(await page.locator("script[src]").count(), `${label}: scripts`).toBe(0);
  await expectNoA11yViolations(page, label);
  const file = `${journey}-${String(n).padStart(2, "0")}-${name}`;
  measured[file] = header!.height;
  await page.screenshot({ path: path.join(SHOTS, `${file}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  // A wide screen keeps the same rule: the header within a fifth of its height.
  const desktopHeader = await page.locator("header.site-header").boundingBox();
  measured[`${file}-desktop`] = desktopHeader!.height;
  // The picture first, so that a failing step leaves one to look at.
  await page.screenshot({ path: path.join(SHOTS, `${file}-desktop.png`), fullPage: true });
  expect(desktopHeader!.height, `${label}: header height at ${DESKTOP.width}×${DESKTOP.height}`).toBeLessThanOrEqual(DESKTOP.height * 0.2);
  await page.setViewportSize(PHONE);
  return header!.height;
}

describe("journeys on a phone with large text (issue 13)", () => {
  it("a visitor discovers the site and signs in with the access card a mediator printed", async () => {
    const db = database.db;
    const mediator = await db.selectFrom("app_user").select(["id", "first_name", "last_name"]).where("email", "=", DEMO.mediator).executeTakeFirstOrThrow();
    const holder = await createUser(db, { role: "learner", email: null, firstName: "Odette", createdBy: mediator.id });
    const code = await issueAccessCardWithin(db, holder.id, mediator);

    const page = await phone();
    await page.goto("/");
    await turnOn(page, "Texte plus grand");
    await page.goto("/");
    await step(page, "card", 1, "home");
    // The menu: a disclosure announced with its state, the navigation inside.
    const summary = page.locator("summary.menu-button");
    expect(await summary.evaluate((s) => s.closest("details")!.open)).toBe(false);
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await summary.evaluate((s) => s.closest("details")!.open)).toBe(true);
    const nav = page.getByRole("navigation", { name: "Menu principal" });
    await nav.getByRole("link", { name: "Cours", exact: true }).waitFor();
    expect(await nav.getByRole("link", { name: "Mes projets scolaires" }).count()).toBe(0);
    await step(page, "card", 2, "menu-open");
    await summary.click();
    expect(await summary.evaluate((s) => s.closest("details")!.open)).toBe(false);

    // The home page leads to card sign-in with the card's own words.
    await page.locator("main").getByRole("link", { name: "Me connecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
    await step(page, "card", 3, "sign-in");
    await page.locator("main").getByRole("link", { name: "Se connecter avec ma carte" }).click();
    await page.getByRole("heading", { level: 1, name: "Se connecter avec ma carte" }).waitFor();
    await step(page, "card", 4, "card-sign-in");

    // Sent empty: the error summary at the top, focused, its message a link to the field.
    await page.locator("main").getByRole("button", { name: "Se connecter" }).click();
    const summaryBox = page.getByRole("alert");
    await summaryBox.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    const toField = summaryBox.getByRole("link");
    const target = (await toField.first().getAttribute("href"))!;
    expect(await page.locator(target).getAttribute("name")).toBe("code");
    await step(page, "card", 5, "card-sign-in-error");

    await page.getByLabel(/^Code de la carte/).fill(code);
    await page.locator("main").getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/compte/activites");
    await step(page, "card", 6, "signed-in-record");
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Bonjour Odette" }).waitFor();
    await step(page, "card", 7, "personal-home");
  });

  it("a learner books a workshop and gets the confirmation with the calendar file", async () => {
    const db = database.db;
    const space = await db.selectFrom("relay_space").select("id").orderBy("name").executeTakeFirstOrThrow();
    const mediator = await db.selectFrom("app_user").select(["id", "first_name", "last_name"]).where("email", "=", DEMO.mediator).executeTakeFirstOrThrow();
    const title = `Faire une visio avec ses petits-enfants ${Date.now().toString(36)}`;
    const starts = new Date(Date.now() + 3 * 3_600_000);
    await db
      .insertInto("workshop")
      .values({ title, themes: ["email"], level: "debutant", relay_space_id: space.id, starts_at: starts, ends_at: new Date(starts.getTime() + 5_400_000), seats: 8, created_by: mediator.id })
      .execute();
    const email = uniqueEmail("senior");
    await createUser(db, { role: "learner", email, firstName: "Marcel" });

    const page = await phone();
    await signIn(page, email, TEST_PASSWORD);
    await turnOn(page, "Texte plus grand");
    await page.goto("/ateliers");
    await step(page, "workshop", 1, "listing");
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await step(page, "workshop", 2, "workshop");
    const before = Date.now();
    await page.getByRole("button", { name: "Réserver ma place" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("votre place est réservée");
    await step(page, "workshop", 3, "booked");

    const mail = await waitForMail(email, { after: before - 1000 });
    expect(mail).toContain(`Votre place est réservée pour l'atelier « ${title} »`);
    expect(mail).toMatch(/Content-Type: text\/plain/);
    expect(mail).toMatch(/Content-Type: text\/html/);
    expect(mail).toMatch(/Content-Type: text\/calendar/);
    expect(mail).toContain(`${baseUrl()}/ateliers/`);
    expect(mail).not.toContain("localhost");

    await page.goto("/");
    const next = page.getByRole("region", { name: "À venir" });
    await next.getByRole("link", { name: title }).waitFor();
    await step(page, "workshop", 4, "personal-home");
  });

  it("a learner resumes a course from the home page", async () => {
    const email = uniqueEmail("reprise");
    await createUser(database.db, { role: "learner", email, firstName: "Jeanne" });
    const page = await phone();
    await signIn(page, email, TEST_PASSWORD);
    await turnOn(page, "Texte plus grand");
    await turnOn(page, "Contraste renforcé");
    await page.goto("/cours/se-proteger-des-arnaques-en-ligne");
    await step(page, "resume", 1, "course");
    await page.getByRole("button", { name: "Commencer" }).click();
    await page.getByRole("heading", { level: 1, name: "Les arnaques les plus courantes" }).waitFor();
    await step(page, "resume", 2, "lesson");
    await page.getByRole("button", { name: "J'ai terminé cette leçon" }).click();
    await page.getByRole("heading", { level: 1, name: "Reconnaître un faux message" }).waitFor();

    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Bonjour Jeanne" }).waitFor();
    await step(page, "resume", 3, "personal-home");
    await page.getByRole("link", { name: "Reprendre « Se protéger des arnaques en ligne »" }).click();
    await page.getByRole("heading", { level: 1, name: "Reconnaître un faux message" }).waitFor();
    await step(page, "resume", 4, "resumed-lesson");
  });

  it("a visitor searches « smartphone », reads a lesson, creates an account from its activity, answers it and finds the progress in « Mon suivi »", async () => {
    const page = await phone();
    await page.goto("/");
    await turnOn(page, "Texte plus grand");
    await turnOn(page, "Contraste renforcé");
    await page.goto("/");
    await openMenu(page);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Cours", exact: true }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByLabel("Rechercher un cours").fill("smartphone");
    await page.getByRole("search").getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "smartphone");
    expect(await page.evaluate(() => document.documentElement.classList.contains("high-contrast"))).toBe(true);
    // The course about it comes first.
    const first = page.locator("main").getByRole("link", { name: "Prendre en main son smartphone ou sa tablette" }).first();
    await first.waitFor();
    await step(page, "smartphone", 1, "search");
    await first.click();
    await page.getByRole("heading", { level: 1, name: "Prendre en main son smartphone ou sa tablette" }).waitFor();
    // The drawing on the course page carries its text alternative.
    expect(await page.locator("main img").first().getAttribute("alt")).toMatch(/smartphone vu de face/);
    await step(page, "smartphone", 2, "course");
    await page.locator("main").getByRole("link", { name: "Installer une application sans risque" }).click();
    await page.getByRole("heading", { level: 1, name: "Installer une application sans risque" }).waitFor();
    const lessonPath = new URL(page.url()).pathname;
    await step(page, "smartphone", 3, "lesson-visitor");

    // The activity asks a visitor to sign in; the link leads the whole page to the sign-in form.
    const frame = (await (await page.waitForSelector("iframe[data-h5p-content]")).contentFrame())!;
    await frame.getByText("Connectez-vous pour faire cette activité").waitFor();
    await frame.getByRole("link", { name: "Se connecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
    await step(page, "smartphone", 4, "sign-in");
    // No account yet: « Créer un compte » keeps the way back to the lesson.
    await page.locator("main").getByRole("link", { name: "Créer un compte" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();
    await page.getByLabel("Prénom").fill("Gisèle");
    await page.getByLabel("Adresse e-mail").fill(uniqueEmail("gisele"));
    await page.getByLabel("Nouveau mot de passe").fill("mes tulipes du jardin");
    await page.getByLabel("Répétez le mot de passe").fill("mes tulipes du jardin");
    await step(page, "smartphone", 5, "sign-up");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.waitForURL((url) => url.pathname === lessonPath);

    // Back on the lesson, signed in: the quiz runs in its frame (the page itself still ships no script).
    await page.getByRole("heading", { level: 1, name: "Installer une application sans risque" }).waitFor();
    // The frame loads lazily, when the reader scrolls down to it.
    await page.locator("iframe[data-h5p-content]").scrollIntoViewIfNeeded();
    const { player } = await h5pFrames(page);
    await player.getByLabel("Dans le Play Store ou l'App Store de mon appareil").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    await player.getByText(/^Bonne réponse/).waitFor();
    await step(page, "smartphone", 6, "activity-answered");
    // The activity reported its result: the lesson is done, with the score.
    await expect.poll(async () => {
      await page.reload();
      return page.getByText("Vous avez terminé cette leçon. Votre score aux activités : 100 %.").count();
    }, { timeout: 15_000 }).toBe(1);
    await step(page, "smartphone", 7, "lesson-finished");

    await openMenu(page);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mon suivi" }).click();
    await page.getByRole("heading", { level: 1, name: "Mon suivi" }).waitFor();
    await page.getByRole("link", { name: "Reprendre « Prendre en main son smartphone ou sa tablette »" }).waitFor();
    await step(page, "smartphone", 8, "record");
    await page.context().close();
  });

  it("keeps the header within a fifth of the phone's screen for a coordinator too, staff tools in the menu", async () => {
    const page = await phone();
    await signIn(page, DEMO.coordinator, DEMO.password);
    await turnOn(page, "Texte plus grand");
    await page.goto("/tableau-de-bord");
    const header = await page.locator("header.site-header").boundingBox();
    measured["coordinator-dashboard"] = header!.height;
    expect(header!.height).toBeLessThanOrEqual(PHONE.height * 0.2);
    await openMenu(page);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Tableau de bord" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "coordinator-menu-phone.png") });
    // Without large text, for the record.
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await page.waitForFunction(() => !document.documentElement.classList.contains("large-text"));
  });
});
