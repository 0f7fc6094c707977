import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("learner paths in the browser", () => {
  it("lists the four paths from the menu and shows each one's steps", async () => {
    const page = await newPage(browser);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Parcours" }).click();
    await page.getByRole("heading", { level: 1, name: "Les parcours" }).waitFor();
    for (const title of [
      "Autonome avec le numérique au quotidien",
      "Créer et coder",
      "Trouver un emploi avec le numérique",
      "Développer son activité en ligne",
    ]) {
      await page.getByRole("heading", { level: 2, name: title }).waitFor();
    }
    await expectNoA11yViolations(page, "paths list");

    await page.getByRole("link", { name: "Voir le parcours « Créer et coder »" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer et coder" }).waitFor();
    const steps = page.locator("ol.path-steps > li");
    await expect.poll(() => steps.count()).toBe(5);
    await steps.nth(1).getByText("Atelier près de chez vous", { exact: true }).waitFor();
    await expect.poll(() => steps.nth(1).locator(".step-status").textContent()).toBe("Verrouillée : terminez d'abord « Découvrir la programmation »");
    await steps.nth(4).getByText("Classe virtuelle", { exact: true }).waitFor();
    await steps.nth(2).getByText("Facultative").waitFor();
    await page.getByText("Faites le diagnostic pour savoir par où commencer").waitFor();
    await expectNoA11yViolations(page, "path page (anonymous)");

    // Large text and high contrast keep the page accessible.
    await page.getByRole("button", { name: "Contraste renforcé" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer et coder" }).waitFor();
    await expectNoA11yViolations(page, "path page (high contrast)");
    await page.context().close();
  });

  it("is in English too, and a mediator can run the diagnostic for a learner they created", async () => {
    const page = await newPage(browser, { locale: "en-GB" });
    await page.goto("/parcours/trouver-un-emploi-avec-le-numerique");
    await page.getByRole("heading", { name: "Steps" }).waitFor();
    await page.getByText("Online course").first().waitFor();
    await page.context().close();

    // An assisted account the demo mediator created (a fixture: the mediation pages are another domain's).
    const sql = postgres(inject("appDatabaseUrl"), { max: 1, onnotice: () => {} });
    const learnerName = `Marcel${Date.now().toString(36)}`;
    try {
      await sql`insert into app_user (first_name, role, created_by)
        select ${learnerName}, 'learner', id from app_user where email = ${DEMO.mediator}`;
    } finally {
      await sql.end();
    }
    const mediator = await newPage(browser);
    await signIn(mediator, DEMO.mediator, DEMO.password);
    await mediator.goto("/diagnostic");
    await mediator.getByLabel("Pour qui faites-vous ce diagnostic ?").selectOption({ label: learnerName });
    await expectNoA11yViolations(mediator, "diagnostic form (mediator)");
    const groups = mediator.locator("fieldset.question");
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole("radio").first().check();
    await mediator.getByRole("button", { name: "Voir mon résultat" }).click();
    await mediator.getByText(`Fait avec ${learnerName}, accompagné par Amina.`).waitFor();
    // Not anonymous: no "create an account" invitation.
    expect(await mediator.getByRole("heading", { name: "Garder ce résultat" }).count()).toBe(0);
    // Staff see the address that links a virtual class to a class step.
    await mediator.goto("/parcours/autonome-avec-le-numerique");
    await mediator.getByText("/parcours/autonome-avec-le-numerique#etape-classe-questions").waitFor();
    await expectNoA11yViolations(mediator, "path page (mediator)");
    await mediator.context().close();
  });
});
