import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, openMenu, signIn } from "../helpers/browser";

/**
 * Issue 16 in the browser: a learner on a phone with large text gives their
 * audience and commune at sign-up, chooses a path and leaves it on a page
 * without JavaScript, and the coordinator's dashboard counts them.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PATH = "/parcours/autonome-avec-le-numerique";

async function phone({ javaScript = true } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: { width: 390, height: 844 }, javaScriptEnabled: javaScript });
  return context.newPage();
}

/** The phone page keeps the session of the sign-up; a second page without JavaScript shares it. */
async function sameSessionWithoutJavaScript(page: Page): Promise<Page> {
  const cookies = await page.context().cookies();
  const other = await phone({ javaScript: false });
  await other.context().addCookies(cookies);
  return other;
}

let page: Page;

describe("the evaluation's inputs in the browser", () => {
  it("signs up on a phone with large text, giving audience, commune and family name, then sees them on /compte", async () => {
    page = await phone();
    const email = `gisele-${Date.now().toString(36)}@exemple.fr`;
    await page.goto("/inscription");
    await openMenu(page);
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await expect.poll(() => page.locator("html").getAttribute("class")).toMatch(/large-text/);
    await page.getByLabel("Prénom").fill("Gisèle");
    await page.getByLabel("Nom de famille (facultatif)").fill("Lemoine");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Nouveau mot de passe").fill("ma phrase secrète");
    await page.getByLabel("Répétez le mot de passe").fill("ma phrase secrète");
    await page.getByText("Vos réponses servent seulement à compter").waitFor();
    await page.getByLabel("Vous êtes").selectOption({ label: "Senior, retraité ou retraitée" });
    await page.getByLabel("Votre commune").selectOption("Cinqueux");
    await expectNoA11yViolations(page, "sign-up with the evaluation questions (phone, large text)");
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await expect.poll(() => page.url()).toContain("/compte");
    await page.getByRole("status").getByText("Bienvenue, Gisèle").waitFor();

    // /compte shows the answers and lets the person change them.
    await expect.poll(() => page.getByLabel("Votre commune").inputValue()).toBe("Cinqueux");
    await expect.poll(() => page.getByLabel("Vous êtes").inputValue()).toBe("seniors");
    await expect.poll(() => page.getByLabel("Nom de famille (facultatif)").inputValue()).toBe("Lemoine");
    await expectNoA11yViolations(page, "account with the profile form (phone, large text)");
  }, 180_000);

  it("chooses and leaves a path with JavaScript off; « Mon suivi » follows", async () => {

    // The path choice is a plain form: it works with JavaScript off.
    const plain = await sameSessionWithoutJavaScript(page);
    await plain.goto(PATH);
    await plain.getByRole("button", { name: "Je suis ce parcours" }).click();
    await plain.getByText("C'est noté : vous suivez ce parcours.").waitFor();
    await plain.getByRole("button", { name: "Je quitte ce parcours" }).waitFor();
    // (axe needs JavaScript: the same page is checked below with it on.)
    await plain.goto("/compte/activites");
    const paths = plain.locator("section", { has: plain.getByRole("heading", { level: 2, name: "Parcours" }) });
    await paths.getByRole("link", { name: "Autonome avec le numérique au quotidien" }).waitFor();
    await paths.getByText("(0 étape faite sur 7)").waitFor();
    expect(await paths.getByRole("listitem").count()).toBe(1);

    await plain.goto(PATH);
    await plain.getByRole("button", { name: "Je quitte ce parcours" }).click();
    await plain.getByText("C'est noté : vous ne suivez plus ce parcours.").waitFor();
    await plain.goto("/compte/activites");
    await plain.getByText("Aucun parcours choisi pour l'instant.").waitFor();
    // And chosen again, with JavaScript this time.
    await page.goto(PATH);
    await page.getByRole("button", { name: "Je suis ce parcours" }).click();
    await page.getByRole("button", { name: "Je quitte ce parcours" }).waitFor();
    await expectNoA11yViolations(page, "path page, path chosen (phone, large text)");
    await plain.context().close();
    await page.context().close();
  }, 300_000);

  it("counts the choices on the coordinator's dashboard, with the share of « Non renseigné »", async () => {

    // The coordinator refreshes and sees Gisèle's two choices, as a senior from Cinqueux.
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto("/tableau-de-bord?commune=Cinqueux");
    await coordinator.getByRole("button", { name: "Mettre à jour les données maintenant" }).click();
    await coordinator.getByRole("heading", { level: 1 }).waitFor();
    const figure = coordinator.locator('[data-figure="paths.choices"] .figure-value');
    await expect.poll(() => figure.textContent()).toBe("2");
    const byAudience = coordinator.locator('[data-chart="paths_choices_audiences"]');
    await byAudience.locator("summary").click();
    await byAudience.getByRole("row", { name: "Seniors 2" }).waitFor();
    // The whole territory: the share of « Non renseigné » beside the audience breakdown.
    await coordinator.goto("/tableau-de-bord");
    await expect.poll(() => coordinator.locator('[data-chart="paths_choices_audiences"] [data-not-recorded]').textContent()).toMatch(/^Non renseigné : \d+ % \(\d+ sur \d+\)\.$/);
    await expectNoA11yViolations(coordinator, "dashboard with path choices");
    await coordinator.context().close();

    // The open-data page says which CSV format its files use, and why.
    const visitor = await newPage(browser);
    await visitor.goto("/donnees-ouvertes");
    await visitor.getByRole("heading", { level: 2, name: "Format des fichiers CSV" }).waitFor();
    await visitor.getByText("C'est le format qu'exige le schéma national des lieux de médiation numérique", { exact: false }).waitFor();
    await expectNoA11yViolations(visitor, "open data page");
    await visitor.context().close();
  }, 180_000);
});
