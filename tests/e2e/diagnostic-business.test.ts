import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, newPage } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("business visibility pre-diagnostic in the browser", () => {
  it("scores a shop's answers, shows the report with an accessible chart, and gives a PDF", async () => {
    const page = await newPage(browser);
    await page.goto("/diagnostic-entreprise");
    await page.getByRole("heading", { level: 1, name: "Votre activité est-elle visible sur Internet ?" }).waitFor();
    await expectNoA11yViolations(page, "business diagnostic form");

    await page.getByLabel("Nom de l'activité").fill("Fleurs de l'Oise");
    await page.getByLabel(/Type d'activité/).selectOption("commerce");
    // Every question: its first option ("yes", "complete"…) except a few gaps.
    const groups = page.locator("fieldset.question");
    const count = await groups.count();
    expect(count).toBe(15);
    for (let i = 0; i < count; i++) await groups.nth(i).getByRole("radio").first().check();
    await page.getByRole("group", { name: /annuaires en ligne/ }).getByLabel("Dans aucun").check();
    await page.getByRole("group", { name: /sauvegardes/ }).getByLabel("Jamais").check();
    await page.getByRole("button", { name: "Voir mon rapport" }).click();

    await expect.poll(() => page.url()).toMatch(/\/diagnostic-entreprise\/rapport\/[a-z2-7]{32}$/);
    await page.getByRole("heading", { level: 1, name: "Rapport de visibilité en ligne" }).waitFor();
    await page.getByText("Pour : Fleurs de l'Oise").waitFor();
    // findability 4/6 = 67, security 4/6 = 67, the others 100 → (67·2 + 100·4) / 6 = 89
    await page.getByText("Note globale : 89 sur 100").waitFor();
    await page.getByRole("img", { name: /Note par domaine, sur 100/ }).waitFor();
    const table = page.getByRole("table", { name: /Note par domaine/ });
    await table.getByRole("row", { name: /Être trouvé \(cartes et annuaires\) 67 \/ 100 À renforcer/ }).waitFor();
    const advice = page.getByRole("region", { name: "Nos conseils, par ordre de priorité" }).getByRole("listitem");
    await expect.poll(() => advice.count()).toBe(2);
    await advice.first().getByText(/Inscrivez-vous dans les annuaires gratuits/).waitFor();
    await page.getByRole("link", { name: "Voir les ateliers « Entrepreneuriat »" }).waitFor();
    expect(await page.getByRole("link", { name: "Voir les ateliers « Entrepreneuriat »" }).getAttribute("href")).toBe("/ateliers?theme=entrepreneuriat");
    await page.getByRole("link", { name: "Voir le parcours" }).waitFor();
    await expectNoA11yViolations(page, "business report");

    const pdf = await page.request.get(`${page.url()}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = bytes.toString("latin1").match(/\/Type \/Page\b/g)?.length;
    expect(pages).toBe(Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(bytes.toString("latin1"))?.[1]));
    expect(pages).toBeGreaterThanOrEqual(1);

    // A wrong link is a plain 404 page.
    expect((await page.request.get("/diagnostic-entreprise/rapport/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).status()).toBe(404);
    await page.context().close();
  });
});
