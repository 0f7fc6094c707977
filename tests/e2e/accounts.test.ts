import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn, signOut, waitForMail } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe("accounts in the browser", () => {
  it("signs up, signs out and signs in again", async () => {
    const page = await newPage(browser);
    const email = `josiane-${unique()}@exemple.fr`;
    await page.goto("/inscription");
    await expectNoA11yViolations(page);
    await page.getByLabel("Prénom").fill("Josiane");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Nouveau mot de passe").fill("ma phrase secrète");
    await page.getByLabel("Répétez le mot de passe").fill("ma phrase secrète");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await expect.poll(() => page.url()).toContain("/compte");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Bienvenue, Josiane");
    await expectNoA11yViolations(page);
    await signOut(page);
    await page.getByRole("link", { name: "Se connecter", exact: true }).waitFor();
    await signIn(page, email, "ma phrase secrète");
    await page.getByRole("link", { name: /Mon compte \(Josiane\)/ }).waitFor();
    await page.context().close();
  });

  it("rejects bad input with translated field errors and writes nothing", async () => {
    const page = await newPage(browser);
    await page.goto("/inscription");
    await page.getByLabel("Prénom").fill("Marcel");
    await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
    await page.getByLabel("Nouveau mot de passe").fill("court");
    await page.getByLabel("Répétez le mot de passe").fill("autre");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    expect((await response).status()).toBe(400);
    // Each message twice: in the summary at the top (a link to the field) and beside its field.
    await page.locator(".field-errors").getByText("Cette adresse e-mail n'est pas valide").waitFor();
    await page.locator(".field-errors").getByText("Le mot de passe doit contenir au moins 10 caractères.").waitFor();
    await page.locator(".error-summary").getByRole("link", { name: /Cette adresse e-mail n'est pas valide/ }).waitFor();
    await expect.poll(() => page.getByLabel("Adresse e-mail").getAttribute("aria-invalid")).toBe("true");
    await expectNoA11yViolations(page, "sign-up with errors");
    await page.context().close();
  });

  it("says when the password is wrong, then throttles after 10 failures", async () => {
    const sql = postgres(inject("appDatabaseUrl"), { max: 1 });
    try {
      const page = await newPage(browser);
      await signIn(page, DEMO.teacher, "pas le bon mot de passe");
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("Adresse e-mail ou mot de passe incorrect.");
      await expectNoA11yViolations(page, "sign-in with error");
      for (let i = 2; i <= 10; i++) await signIn(page, DEMO.teacher, `faux ${i}`);
      // The 11th attempt is refused even with the right password.
      await signIn(page, DEMO.teacher, DEMO.password);
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("Trop d'essais");
      await page.context().close();
    } finally {
      // All browser tests come from 127.0.0.1: lift the address's counter for the next tests.
      await sql`delete from throttle_counter`;
      await sql.end();
    }
  });

  it("resets a forgotten password through the emailed link, once", async () => {
    const page = await newPage(browser);
    const email = `reset-${unique()}@exemple.fr`;
    await page.goto("/inscription");
    await page.getByLabel("Prénom").fill("Lucien");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Nouveau mot de passe").fill("ancien mot de passe");
    await page.getByLabel("Répétez le mot de passe").fill("ancien mot de passe");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await signOut(page);

    await page.goto("/mot-de-passe-oublie");
    await expectNoA11yViolations(page);
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir le lien" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Si un compte existe");
    const mail = await waitForMail(email);
    const link = /http:\/\/\S+jeton=[a-z0-9]+/.exec(mail)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await expectNoA11yViolations(page);
    await page.getByLabel("Nouveau mot de passe").fill("nouveau mot de passe");
    await page.getByLabel("Répétez le mot de passe").fill("nouveau mot de passe");
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Votre mot de passe est changé");
    await signOut(page);
    await signIn(page, email, "nouveau mot de passe");
    await page.getByRole("link", { name: /Mon compte/ }).waitFor();
    // The link works only once.
    await signOut(page);
    await page.goto(link!);
    await page.getByLabel("Nouveau mot de passe").fill("encore un autre");
    await page.getByLabel("Répétez le mot de passe").fill("encore un autre");
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Ce lien n'est plus valable");
    await page.context().close();
  });

  it("switches language both ways", async () => {
    const page = await newPage(browser);
    await page.goto("/connexion");
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expectNoA11yViolations(page, "sign-in in English");
    await page.goto("/");
    await expectNoA11yViolations(page, "home in English");
    await page.getByRole("button", { name: "Français" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByRole("link", { name: "Se connecter", exact: true }).waitFor();
    await page.context().close();
  });

  it("keeps large-text mode across pages and through sign-in", async () => {
    const page = await newPage(browser);
    await page.goto("/");
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await expect.poll(() => page.locator("html").getAttribute("class")).toMatch(/large-text/);
    await expectNoA11yViolations(page, "home, large text");
    await page.goto("/accessibilite");
    await expect.poll(() => page.locator("html").getAttribute("class")).toMatch(/large-text/);
    await expectNoA11yViolations(page, "accessibility statement, large text");
    await page.goto("/mentions-legales");
    await expectNoA11yViolations(page, "legal notice, large text");
    // AGPL §13: the running site offers its own source (the archive the build wrote).
    const sourceHref = await page.getByRole("link", { name: "Télécharger le code source de cette version" }).getAttribute("href");
    const source = await page.request.get(sourceHref!);
    expect(source.status()).toBe(200);
    expect([...(await source.body()).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    // Signing in keeps the mode: the visitor's choice is saved to the profile when they set it while signed in…
    await signIn(page, DEMO.learner, DEMO.password);
    await page.getByRole("button", { name: "Contraste renforcé" }).click();
    await expect.poll(() => page.locator("html").getAttribute("class")).toMatch(/high-contrast/);
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await expect.poll(() => page.locator("html").getAttribute("class")).not.toMatch(/large-text/);
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await expect.poll(() => page.locator("html").getAttribute("class")).toMatch(/large-text/);
    await expectNoA11yViolations(page, "account pages, large text and high contrast");
    // …and it comes back on a fresh browser after sign-in, from the profile.
    const other = await newPage(browser);
    await signIn(other, DEMO.learner, DEMO.password);
    await expect.poll(() => other.locator("html").getAttribute("class")).toMatch(/large-text/);
    await expect.poll(() => other.locator("html").getAttribute("class")).toMatch(/high-contrast/);
    await other.goto("/compte");
    await expect.poll(() => other.locator("html").getAttribute("class")).toMatch(/large-text/);
    // Put the demo learner back as it was.
    await other.getByRole("button", { name: "Texte plus grand" }).click();
    await other.getByRole("button", { name: "Contraste renforcé" }).click();
    await page.context().close();
    await other.context().close();
  });

  it("lets a coordinator change a user's role, and refuses a learner with 403", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.coordinator, DEMO.password);
    await page.goto("/admin/utilisateurs?q=enseignant");
    await expectNoA11yViolations(page, "users list");
    await page.getByRole("link", { name: /Thomas Leroy/ }).click();
    await expectNoA11yViolations(page, "user page");
    await page.getByLabel("Rôle").selectOption("mediator");
    await page.getByRole("button", { name: "Enregistrer le rôle" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Le rôle est enregistré.");
    await page.locator("dd", { hasText: "Médiateur numérique" }).waitFor();
    await page.getByLabel("Rôle").selectOption("teacher");
    await page.getByRole("button", { name: "Enregistrer le rôle" }).click();
    await page.context().close();

    const learner = await newPage(browser);
    await signIn(learner, DEMO.learner, DEMO.password);
    const response = await learner.goto("/admin/utilisateurs");
    expect(response?.status()).toBe(403);
    await expect.poll(() => learner.getByRole("heading", { level: 1 }).textContent()).toBe("Accès refusé");
    await expectNoA11yViolations(learner, "403 page");
    const notFound = await learner.goto("/cette-page-n-existe-pas");
    expect(notFound?.status()).toBe(404);
    await expectNoA11yViolations(learner, "404 page");
    await learner.context().close();
  });

  it("downloads a person's data and deletes the account", async () => {
    const page = await newPage(browser);
    const email = `depart-${unique()}@exemple.fr`;
    await page.goto("/inscription");
    await page.getByLabel("Prénom").fill("Gisèle");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Nouveau mot de passe").fill("une phrase de départ");
    await page.getByLabel("Répétez le mot de passe").fill("une phrase de départ");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByRole("heading", { name: "Mes données" }).waitFor();
    await expectNoA11yViolations(page, "account page");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Télécharger mes données (fichier JSON)" }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await (await import("node:fs/promises")).readFile(file!, "utf8"));
    expect(exported.account.user.email).toBe(email);
    await page.getByRole("link", { name: "Supprimer mon compte" }).click();
    await expectNoA11yViolations(page, "delete account page");
    await page.getByLabel("Tapez votre mot de passe pour confirmer").fill("une phrase de départ");
    await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
    await page.getByRole("link", { name: "Se connecter", exact: true }).waitFor();
    await signIn(page, email, "une phrase de départ");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Adresse e-mail ou mot de passe incorrect.");
    await page.context().close();
  });

  it("deletes someone's account for a coordinator only once the box is ticked", async () => {
    const visitor = await newPage(browser);
    const email = `efface-${unique()}@exemple.fr`;
    await visitor.goto("/inscription");
    await visitor.getByLabel("Prénom").fill("Raymonde");
    await visitor.getByLabel("Adresse e-mail").fill(email);
    await visitor.getByLabel("Nouveau mot de passe").fill("une phrase pour partir");
    await visitor.getByLabel("Répétez le mot de passe").fill("une phrase pour partir");
    await visitor.getByRole("button", { name: "Créer mon compte" }).click();
    await visitor.getByRole("heading", { name: "Mes données" }).waitFor();
    await visitor.context().close();

    const page = await newPage(browser);
    await signIn(page, DEMO.coordinator, DEMO.password);
    await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: /Raymonde/ }).click();
    // Without the box ticked: a translated error by the box, and nothing deleted.
    await page.getByRole("button", { name: "Supprimer ce compte" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Cochez la case pour confirmer la suppression du compte.");
    await expectNoA11yViolations(page, "user page, deletion not confirmed");
    await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: /Raymonde/ }).click();
    await page.getByLabel(/Je confirme : le compte de Raymonde/).check();
    await page.getByRole("button", { name: "Supprimer ce compte" }).click();
    await page.waitForURL(/\/admin\/utilisateurs\?fait=supprime/);
    await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(email)}`);
    expect(await page.getByRole("link", { name: /Raymonde/ }).count()).toBe(0);
    await page.context().close();
  });
});
