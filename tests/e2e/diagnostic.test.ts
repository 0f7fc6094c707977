import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, newPage } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Answers one question, found by its wording (each question is a fieldset with a legend). */
async function answer(page: Page, question: RegExp, choice: string | RegExp) {
  await page.getByRole("group", { name: question }).getByLabel(choice, { exact: typeof choice === "string" }).check();
}

/** A beginner who comes for everyday life: "not yet" and "I don't know" everywhere. */
async function answerAsBeginnerSenior(page: Page) {
  await answer(page, /Qu'est-ce qui vous amène/, /Être autonome au quotidien/);
  for (const question of [/Allumer un ordinateur/, /pièce jointe/, /Trouver une information/, /Écrire une lettre/, /Partager un document/, /Choisir qui peut voir/]) {
    await answer(page, question, "Pas encore");
  }
  for (const question of [/adresse e-mail \?/, /SMS/, /mots de passe/, /site officiel/, /petit programme/]) {
    await answer(page, question, "Je ne sais pas");
  }
}

describe("placement diagnostic in the browser", () => {
  it("an anonymous visitor takes it, gets the seniors path, creates an account and finds the result kept on the path page", async () => {
    const page = await newPage(browser);
    await page.goto("/diagnostic");
    await page.getByRole("heading", { level: 1, name: "Diagnostic : par où commencer ?" }).waitFor();
    await expectNoA11yViolations(page, "diagnostic form");
    expect(await page.locator("main").getByRole("group").count()).toBeLessThanOrEqual(12);

    // A forgotten question: a translated error on that question, nothing lost.
    await answer(page, /Qu'est-ce qui vous amène/, /Être autonome au quotidien/);
    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Voir mon résultat" }).click();
    expect((await refused).status()).toBe(400);
    await page.getByText("Choisissez une réponse (ou « Je ne sais pas »).").first().waitFor();
    await expectNoA11yViolations(page, "diagnostic form with errors");

    await answerAsBeginnerSenior(page);
    await page.getByRole("button", { name: "Voir mon résultat" }).click();
    await expect.poll(() => page.url()).toMatch(/\/diagnostic\/resultat\/[0-9a-f-]{36}$/);
    const recommended = page.getByRole("region", { name: "Le parcours que nous vous conseillons" });
    await recommended.getByText("Autonome avec le numérique au quotidien").waitFor();
    await recommended.getByText("Commencez par : Créer et utiliser une adresse e-mail").waitFor();
    // The chart is one image with a text alternative, and the table says the same.
    await page.getByRole("img", { name: /Niveau par domaine de compétences/ }).waitFor();
    const table = page.getByRole("table", { name: /Niveau par domaine/ });
    await table.getByRole("row", { name: /Protection et sécurité 0 % À découvrir/ }).waitFor();
    await expectNoA11yViolations(page, "diagnostic result");

    // Create an account from the result page.
    await page.getByRole("link", { name: "Créer un compte" }).first().click();
    await page.getByLabel("Prénom").fill("Germaine");
    await page.getByLabel("Adresse e-mail").fill(`germaine-${unique()}@exemple.fr`);
    await page.getByLabel("Nouveau mot de passe").fill("ma phrase secrète");
    await page.getByLabel("Répétez le mot de passe").fill("ma phrase secrète");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await expect.poll(() => page.url()).toContain("/compte");

    // The path page: the result kept, the first step open, the third locked with its reason.
    await page.goto("/parcours");
    await page.getByText("Conseillé pour vous").waitFor();
    await page.getByRole("link", { name: "Voir le parcours « Autonome avec le numérique au quotidien »" }).click();
    await page.getByRole("heading", { level: 1, name: "Autonome avec le numérique au quotidien" }).waitFor();
    await page.getByText(/D'après votre diagnostic du .+, ce parcours vous est conseillé\./).waitFor();
    const steps = page.locator("ol.path-steps > li");
    // Five steps, then the two optional courses (smartphone, online procedures).
    await expect.poll(() => steps.count()).toBe(7);
    await expect.poll(() => steps.nth(0).locator(".step-status").textContent()).toBe("À faire");
    await steps.nth(0).getByText("C'est la prochaine étape").waitFor();
    await expect.poll(() => steps.nth(2).locator(".step-status").textContent()).toBe(
      "Verrouillée : terminez d'abord « Créer et utiliser une adresse e-mail »",
    );
    expect(await steps.nth(2).getByRole("link").count()).toBe(0);
    await page.getByText("0 étape obligatoire faite sur 2").first().waitFor();
    await expectNoA11yViolations(page, "path page");

    // The result is the account's now: the latest-result link finds it without the cookie.
    await page.context().clearCookies({ name: "passerelle_diagnostic" });
    await page.goto("/diagnostic/resultat");
    await expect.poll(() => page.url()).toMatch(/\/diagnostic\/resultat\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Votre résultat" }).waitFor();
    await page.context().close();
  });

  it("marks mastered steps as skipped for someone who already knows e-mail", async () => {
    const page = await newPage(browser);
    await page.goto("/diagnostic");
    await answerAsBeginnerSenior(page);
    await answer(page, /adresse e-mail \?/, "josette.martin@exemple.fr");
    await answer(page, /pièce jointe/, "Seul ou seule, sans difficulté");
    await page.getByRole("button", { name: "Voir mon résultat" }).click();
    await page.getByRole("heading", { name: "Étapes que vous pouvez passer" }).waitFor();
    await page.getByRole("region", { name: "Le parcours que nous vous conseillons" }).getByText("Commencez par : Se protéger des arnaques en ligne").waitFor();
    await page.getByRole("link", { name: "Voir le parcours" }).click();
    const steps = page.locator("ol.path-steps > li");
    await expect.poll(() => steps.nth(0).locator(".step-status").textContent()).toBe("Passée : vous savez déjà le faire");
    await expect.poll(() => steps.nth(2).locator(".step-status").textContent()).toBe("À faire");
    await page.getByText("Votre résultat sera rattaché à votre compte").waitFor();
    await expectNoA11yViolations(page, "path page with skipped step, anonymous");
    await page.context().close();
  });
});
