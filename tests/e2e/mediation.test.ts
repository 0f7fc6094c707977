import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { pdfToText } from "../helpers/pdf-check";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function tabTo(page: Page, matches: (el: { tag: string; type: string; text: string; value: string }) => boolean, max = 250) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return { tag: a?.tagName.toLowerCase() ?? "", type: a?.type ?? "", text: (a?.textContent ?? "").replace(/\s+/g, " ").trim(), value: a?.value ?? "" };
    });
    if (matches(el)) return;
  }
  throw new Error("element not reached with Tab");
}

describe("assisted accounts and access cards (acceptance 2)", () => {
  it("a mediator creates an account, prints the card, its code signs the learner in on a fresh browser, and fails once revoked", async () => {
    const mediator = await newPage(browser);
    await signIn(mediator, DEMO.mediator, DEMO.password);
    await mediator.goto("/accompagnement/personnes/nouvelle");
    await expectNoA11yViolations(mediator, "assisted-account form");
    const firstName = `Odette${Date.now().toString(36).slice(-4)}`;
    await mediator.getByLabel(/^Prénom/).fill(firstName);
    await mediator.getByLabel(/^Tranche d'âge/).selectOption("soixante_dix_plus");
    await mediator.getByLabel(/^Commune$/).fill("Rieux");
    await mediator.getByLabel(/^Public/).selectOption("seniors");
    // Submitting without the consent points is refused with a clear message.
    await mediator.getByRole("button", { name: "Créer le compte" }).click();
    await mediator.getByText("Cochez chaque point expliqué à la personne").first().waitFor();
    await expectNoA11yViolations(mediator, "assisted-account form with errors");
    for (const label of ["Les informations enregistrées", "À quoi elles servent", "Qui peut les voir", "Combien de temps", "Ses droits"]) {
      await mediator.getByLabel(label).check();
    }
    await mediator.getByLabel("La personne elle-même").check();
    await mediator.getByRole("button", { name: "Créer le compte" }).click();
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain(`Le compte de ${firstName} est créé`);
    await expectNoA11yViolations(mediator, "learner page");
    const learnerUrl = mediator.url().split("?")[0]!;

    const [download] = await Promise.all([
      mediator.waitForEvent("download"),
      mediator.getByRole("button", { name: "Imprimer la carte d'accès (PDF)" }).click(),
    ]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfToText(pdf);
    expect(text).toContain(firstName);
    const code = /\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b/.exec(text)?.[0];
    expect(code, text).toBeTruthy();

    // A fresh browser: the person types the code from the card.
    const learner = await newPage(browser);
    await learner.goto("/connexion/carte");
    await expectNoA11yViolations(learner, "card sign-in");
    await learner.getByLabel(/^Code de la carte/).fill(code!.toLowerCase().replace("-", " "));
    await learner.getByRole("button", { name: "Se connecter" }).last().click();
    await learner.getByRole("link", { name: `Mon compte (${firstName})` }).waitFor();
    await learner.getByRole("heading", { level: 1, name: "Mon suivi" }).waitFor();

    // Their calendar link: shown once, works, then stops working when revoked.
    await learner.getByRole("link", { name: "Recevoir mes ateliers dans mon agenda" }).click();
    await expectNoA11yViolations(learner, "calendar settings");
    await learner.getByRole("button", { name: "Créer mon lien d'agenda" }).click();
    const feedUrl = await learner.getByLabel("Lien de votre agenda").inputValue();
    expect(feedUrl).toMatch(/\/calendrier\/[a-z0-9]+\.ics$/);
    await expectNoA11yViolations(learner, "calendar link shown");
    const feed = await learner.request.get(feedUrl);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");
    await learner.getByRole("button", { name: "Désactiver mon lien" }).click();
    await learner.getByText("Votre lien est désactivé").waitFor();
    expect((await learner.request.get(feedUrl)).status()).toBe(404);

    // Later, the learner adds an e-mail address and a password.
    await learner.goto("/compte/activites");
    await learner.getByRole("link", { name: "Ajouter une adresse e-mail et un mot de passe" }).click();
    await expectNoA11yViolations(learner, "add e-mail form");
    const email = `${firstName.toLowerCase()}@exemple.fr`;
    await learner.getByLabel(/Adresse e-mail/).fill(email);
    await learner.getByLabel(/^Nouveau mot de passe/).fill("une phrase bien longue");
    await learner.getByLabel(/^Répétez le mot de passe/).fill("une phrase bien longue");
    await learner.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => learner.getByRole("status").first().textContent()).toContain("Votre adresse e-mail et votre mot de passe sont enregistrés");
    await learner.context().close();
    const withPassword = await newPage(browser);
    await signIn(withPassword, email, "une phrase bien longue");
    await withPassword.getByRole("link", { name: `Mon compte (${firstName})` }).waitFor();
    await withPassword.context().close();

    // The QR code's link opens the same page with the code filled in.
    const qr = await newPage(browser);
    await qr.goto(`/connexion/carte?code=${code!.replace("-", "")}`);
    expect(await qr.getByLabel(/^Code de la carte/).inputValue()).toBe(code);
    await qr.context().close();

    // Revoked: the same code now fails with a clear message.
    await mediator.goto(learnerUrl);
    await mediator.getByRole("button", { name: "Désactiver la carte" }).click();
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("La carte est désactivée");
    const again = await newPage(browser);
    await again.goto("/connexion/carte");
    await again.getByLabel(/^Code de la carte/).fill(code!);
    await again.getByRole("button", { name: "Se connecter" }).last().click();
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("Cette carte a été désactivée. Demandez une nouvelle carte à un médiateur numérique.");
    await expectNoA11yViolations(again, "card sign-in refused");
    expect(await again.getByRole("link", { name: /Mon compte/ }).count()).toBe(0);
    await again.context().close();
    await mediator.context().close();
  });

  it("someone who does not accompany learners (a teacher) cannot open a learner's page", async () => {
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto("/accompagnement/personnes");
    await expectNoA11yViolations(coordinator, "learners list");
    const href = await coordinator.locator("table a[href^='/accompagnement/personnes/']").first().getAttribute("href");
    await coordinator.context().close();
    // The teacher is not a mediator: refused.
    const teacher = await newPage(browser);
    await signIn(teacher, DEMO.teacher, DEMO.password);
    expect((await teacher.goto(href!))?.status()).toBe(403);
    await teacher.context().close();
  });
});

describe("activity log", () => {
  it("a mediator logs an accompaniment with the keyboard alone in a few keystrokes", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.mediator, DEMO.password);
    await page.goto("/accompagnement/journal/nouveau");
    await expectNoA11yViolations(page, "activity form");
    // Defaults are filled (today, the last duration, individual, the usual place): tick a theme and save.
    // Her usual themes come first; the others are one Enter away under « Autres thématiques ».
    await tabTo(page, (el) => (el.tag === "input" && el.value === "banque_et_achats_en_ligne") || (el.tag === "summary" && el.text === "Autres thématiques"));
    if ((await page.evaluate(() => document.activeElement?.tagName)) === "SUMMARY") {
      await page.keyboard.press("Enter");
      await tabTo(page, (el) => el.tag === "input" && el.value === "banque_et_achats_en_ligne");
    }
    await page.keyboard.press("Space");
    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabTo(page, (el) => el.tag === "input" && el.type === "radio" && el.value === "entierement_accompagne");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => (document.querySelector("input[name=autonomy]:checked") as HTMLInputElement | null)?.value)).toBe("autonome");
    await tabTo(page, (el) => el.tag === "button" && el.text === "Enregistrer l'accompagnement");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("L'accompagnement est enregistré");
    await page.getByRole("cell", { name: "Banque et achats en ligne" }).first().waitFor();
    await expectNoA11yViolations(page, "activity log with totals");
    // A mediator exports her own log, and only hers.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter en CSV" }).click()]);
    const rows = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    const mediatorColumn = new Set(rows.map((r) => r.split(";")[1]));
    expect(mediatorColumn.size).toBe(1);
    await page.context().close();
  });

  it("shows translated errors for a bad entry", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.mediator, DEMO.password);
    await page.goto("/accompagnement/journal/nouveau");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Enregistrer l'accompagnement" }).click();
    expect((await response).status()).toBe(400);
    await page.getByText("Cochez au moins une thématique.").first().waitFor();
    await expectNoA11yViolations(page, "activity form with errors");
    await page.context().close();
  });

  it("coordinators see everyone's entries, filter them and download the CSV", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.coordinator, DEMO.password);
    await page.goto("/accompagnement/journal");
    await page.getByRole("heading", { level: 1, name: "Journal d'activité des médiateurs" }).waitFor();
    await page.getByLabel("Médiateur").selectOption({ label: "Amina Benali" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect.poll(() => page.url()).toContain("mediator=");
    await expectNoA11yViolations(page, "coordinator log");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter en CSV" }).click()]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "date;mediateur;type_activite;duree_minutes;type_lieu;lieu;commune;materiel;thematiques;thematiques_libelles;autonomie;structure_de_redirection;personnes;atelier",
    );
    expect(csv).toContain("banque_et_achats_en_ligne");
    await page.context().close();
  });
});
