import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("relay spaces in the browser", () => {
  it("the directory filters by commune and service, and says whether each place is open", async () => {
    const page = await newPage(browser);
    await page.goto("/lieux");
    await expectNoA11yViolations(page, "directory");
    expect(await page.locator(".place-cards > li").count()).toBeGreaterThanOrEqual(3);
    // Each card says open or closed, with the next change in Paris time.
    const statuses = await page.locator(".opening").allTextContents();
    for (const s of statuses) expect(s).toMatch(/^(Ouvert maintenant · ferme .+ à \d{1,2} h( \d{2})?|Ouvert maintenant.*|Fermé · ouvre .*à \d{1,2} h( \d{2})?|Horaires non renseignés)$/);
    await page.getByLabel("Commune").selectOption("Rieux");
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect.poll(() => page.locator(".place-cards > li").count()).toBe(1);
    await page.getByLabel("Service").selectOption({ label: "Parentalité et éducation avec le numérique" });
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect.poll(() => page.locator(".place-cards > li").count()).toBe(0);
    await page.goto("/lieux?openNow=1");
    await page.getByRole("status").waitFor();
    const open = await page.locator(".opening").allTextContents();
    expect(open.every((s) => s.startsWith("Ouvert maintenant"))).toBe(true);
    await page.context().close();
  });

  it("a space's page shows its details and upcoming workshops, in English too", async () => {
    const page = await newPage(browser);
    await page.goto("/lieux/pont-sainte-maxence-mediatheque");
    await page.getByRole("heading", { level: 1, name: "Espace numérique de la médiathèque de Pont-Sainte-Maxence" }).waitFor();
    await page.getByRole("heading", { name: "Prochains ateliers" }).waitFor();
    expect(await page.locator(".workshop-cards > li").count()).toBeGreaterThan(0);
    await expectNoA11yViolations(page, "space page");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Upcoming workshops" }).waitFor();
    await page.getByText(/^(Open now|Closed)/).first().waitFor();
    await expectNoA11yViolations(page, "space page in English");
    await page.getByRole("button", { name: "Français" }).click();
    await page.context().close();
  });

  it("a coordinator edits a space; hours that do not parse are refused with a hint", async () => {
    // A visitor's copy of the page, kept by the worker (decision 050): the second answer is the first one again, nonce included.
    const visitorPage = () => fetch(`${baseUrl()}/lieux/rieux-mairie`).then(async (r) => ({ csp: r.headers.get("Content-Security-Policy"), html: await r.text() }));
    const kept = await visitorPage();
    expect((await visitorPage()).csp).toBe(kept.csp);
    const page = await newPage(browser);
    await signIn(page, DEMO.coordinator, DEMO.password);
    await page.goto("/gestion/lieux");
    await expectNoA11yViolations(page, "spaces management");
    await page.getByRole("link", { name: "Point numérique de la mairie de Rieux" }).click();
    await page.getByLabel(/^Horaires d'ouverture/).fill("lundi matin");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Enregistrer le lieu" }).click();
    expect((await response).status()).toBe(400);
    await page.getByText("Ces horaires ne sont pas au format OpenStreetMap").first().waitFor();
    expect(await page.getByLabel(/^Horaires d'ouverture/).getAttribute("aria-invalid")).toBe("true");
    await expectNoA11yViolations(page, "space form with errors");
    await page.getByLabel(/^Horaires d'ouverture/).fill("Mo,We 14:00-17:30; Fr 09:00-12:00; PH off");
    await page.getByLabel("Boucle magnétique").check();
    await page.getByRole("button", { name: "Enregistrer le lieu" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Le lieu est enregistré");
    // The next visitor, right after the save: rendered anew, not the kept copy (no waiting for the notification).
    const fresh = await visitorPage();
    expect(fresh.csp).not.toBe(kept.csp);
    expect(fresh.html).toContain("14 h – 17 h 30");
    await page.goto("/lieux/rieux-mairie");
    // The hours in plain words (the coming week, holidays applied), not the OpenStreetMap syntax.
    await page.getByText(/^Le (lundi|mercredi) : 14 h – 17 h 30$/).first().waitFor();
    await page.getByText("Fermé les autres jours.").waitFor();
    expect(await page.getByText("Mo,We 14:00-17:30").count()).toBe(0);
    await expectNoA11yViolations(page, "space page with its hours");
    await page.getByText("Boucle magnétique").waitFor();
    // Learners cannot manage spaces.
    const learner = await newPage(browser);
    await signIn(learner, DEMO.learner, DEMO.password);
    expect((await learner.goto("/gestion/lieux"))?.status()).toBe(403);
    await learner.context().close();
    await page.context().close();
  });
});
