import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueAccessCardWithin } from "../../app/features/mediation/access-card.server";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, openMenu, signIn } from "../helpers/browser";
import { createUser } from "../helpers/fixtures";

/**
 * Issue 19, acceptance 2 and 6: a mediator publishes availability; a senior
 * who signs in with an access card books a slot on a 390×844 phone with
 * « Texte plus grand »; the mediator sees it and marks it attended; the
 * activity log has the pre-filled individual entry; the record shows it.
 * axe-core finds nothing on every new page, and the learner's pages ship no
 * script (booking works with JavaScript off).
 */

const PHONE = { width: 390, height: 844 };
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

/** What every learner page passes: no sideways scroll on the phone, no script, axe clean. */
async function learnerPageChecks(page: Page, label: string) {
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => document.documentElement.classList.contains("large-text")), label).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${label}: sideways scroll`).toBeLessThanOrEqual(0);
  expect(await page.locator("script[src]").count(), `${label}: scripts`).toBe(0);
  await expectNoA11yViolations(page, label);
}

describe("appointments (issue 19)", () => {
  it("a mediator publishes, a senior with a card books on a phone, the mediator marks attended, the log and the record follow", async () => {
    const db = database.db;
    const mediator = await db.selectFrom("app_user").selectAll().where("email", "=", DEMO.mediator).executeTakeFirstOrThrow();
    const holder = await createUser(db, { role: "learner", email: null, firstName: "Odile", createdBy: mediator.id });
    const code = await issueAccessCardWithin(db, holder.id, mediator);
    // Tomorrow in Paris, a time the demo data leaves free: attendance can be recorded from the day before.
    const tomorrow = DateTime.now().setZone("Europe/Paris").plus({ days: 1 }).toISODate()!;

    // 1. The mediator publishes a 30-minute slot at the médiathèque.
    const staff = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR" })).newPage();
    await signIn(staff, DEMO.mediator, DEMO.password);
    await staff.goto("/accompagnement/rendez-vous");
    await staff.getByRole("heading", { level: 1, name: "Rendez-vous individuels" }).waitFor();
    await expectNoA11yViolations(staff, "desk");
    await staff.getByLabel("Lieu", { exact: true }).selectOption({ label: "Espace numérique de la médiathèque de Pont-Sainte-Maxence (Pont-Sainte-Maxence)" });
    await staff.getByLabel("Date").fill(tomorrow);
    await staff.getByLabel("De", { exact: true }).fill("16:10");
    await staff.getByLabel("À", { exact: true }).fill("16:40");
    await staff.getByLabel("Aide avec mon téléphone").check();
    await staff.getByRole("button", { name: "Publier" }).click();
    await staff.getByText("1 créneau publié.").waitFor();
    await expectNoA11yViolations(staff, "desk after publishing");

    // Someone else looks at the same slot at the same time (on a phone too).
    const rival = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: PHONE })).newPage();
    await signIn(rival, DEMO.learner, DEMO.password);
    await rival.goto("/rendez-vous/prendre");
    await rival.getByLabel(/Aide avec mon téléphone/).check();
    await rival.getByLabel("Où ?").selectOption({ label: "Espace numérique de la médiathèque de Pont-Sainte-Maxence (Pont-Sainte-Maxence)" });
    await rival.getByRole("button", { name: "Voir les créneaux libres" }).click();
    await rival.getByRole("radio", { name: /16:10/ }).check();

    // 2. The senior signs in with the card on a phone, large text on, and books it.
    const page = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: PHONE, hasTouch: true })).newPage();
    await page.goto("/connexion/carte");
    await openMenu(page);
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("large-text"));
    await page.getByLabel(/^Code de la carte/).fill(code);
    await page.locator("main").getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/compte/activites");
    await openMenu(page);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mes rendez-vous" }).click();
    await page.getByRole("heading", { level: 1, name: "Mes rendez-vous" }).waitFor();
    await learnerPageChecks(page, "my appointments, empty");
    await page.locator("main").getByRole("link", { name: "Prendre un rendez-vous" }).click();
    await page.getByRole("heading", { level: 1, name: "Prendre un rendez-vous" }).waitFor();
    await learnerPageChecks(page, "booking, choose");
    await page.getByLabel(/Aide avec mon téléphone/).check();
    await page.getByLabel("Où ?").selectOption({ label: "Espace numérique de la médiathèque de Pont-Sainte-Maxence (Pont-Sainte-Maxence)" });
    await page.getByRole("button", { name: "Voir les créneaux libres" }).click();
    const slot = page.getByRole("radio", { name: /16:10/ });
    await slot.waitFor();
    await learnerPageChecks(page, "booking, slots");
    await slot.check();
    await page.getByLabel(/Votre numéro de portable/).fill("06 12 34 56 78");
    await page.getByRole("button", { name: "Réserver ce créneau" }).click();
    await page.getByText("Votre rendez-vous est réservé.").waitFor();
    await learnerPageChecks(page, "my appointments, booked");
    expect(await page.locator("main").getByText(/16:10/).count()).toBeGreaterThan(0);
    const booked = await db.selectFrom("appointment").selectAll().where("user_id", "=", holder.id).executeTakeFirstOrThrow();
    expect(booked).toMatchObject({ status: "booked", contact_phone: "06 12 34 56 78", reason: "smartphone" });
    // No e-mail address: the confirmation went by SMS.
    expect(await db.selectFrom("sms_message").select("id").where("user_id", "=", holder.id).execute()).toHaveLength(1);

    // The rival books second: a clear message, and the waiting list offered right there.
    await rival.getByRole("button", { name: "Réserver ce créneau" }).click();
    await rival.getByRole("alert").getByText(/quelqu'un vient de réserver ce créneau/).waitFor();
    expect(await rival.locator("script[src]").count()).toBe(0);
    await expectNoA11yViolations(rival, "booking, slot taken");
    await rival.getByRole("button", { name: "M'inscrire sur la liste d'attente" }).click();
    await rival.getByText("Vous êtes sur la liste d'attente.", { exact: false }).waitFor();
    await expectNoA11yViolations(rival, "my appointments, waiting");
    expect(await db.selectFrom("appointment").select("id").where("slot_id", "=", booked.slot_id).where("status", "<>", "cancelled").execute()).toHaveLength(1);

    // 3. The mediator sees it and marks it attended.
    await staff.goto("/accompagnement/rendez-vous");
    const row = staff.getByRole("row").filter({ hasText: "Odile" });
    await row.waitFor();
    await row.getByRole("button", { name: /^Venu/ }).click();
    await staff.getByText("C'est noté : la personne est venue.").waitFor();
    await expectNoA11yViolations(staff, "desk after marking");

    // 4. The activity log has the pre-filled individual entry with the person.
    await staff.getByRole("link", { name: "Compléter la fiche dans mon journal" }).click();
    const entry = staff.getByRole("row").filter({ hasText: "Odile" });
    await entry.waitFor();
    expect(await entry.textContent()).toContain("Individuel");
    const activity = await db.selectFrom("mediation_activity").selectAll().where("appointment_id", "=", booked.id).executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ mediator_id: mediator.id, activity_type: "individuel", duration_minutes: 30, needs_review: true, themes: ["prendre_en_main_du_materiel"] });

    // 5. The record shows the appointment, to the mediator and to the senior.
    await staff.goto(`/accompagnement/personnes/${holder.id}`);
    const section = staff.locator("section", { has: staff.getByRole("heading", { name: "Rendez-vous", exact: true }) });
    expect(await section.textContent()).toContain("Aide avec mon téléphone");
    await page.goto("/compte/activites");
    const own = page.locator("section", { has: page.getByRole("heading", { name: "Rendez-vous", exact: true }) });
    expect(await own.textContent()).toContain("Aide avec mon téléphone");
    await learnerPageChecks(page, "record");
  });
});
