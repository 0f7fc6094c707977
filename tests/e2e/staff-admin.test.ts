import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn, waitForMail } from "../helpers/browser";

let browser: Browser;
let sql: postgres.Sql;
beforeAll(async () => {
  browser = await launchBrowser();
  sql = postgres(inject("appDatabaseUrl"), { max: 1 });
});
afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const linkIn = (mail: string) => /https?:\/\/\S+\/invitation\?jeton=[a-z0-9]+/.exec(mail)![0];

describe("coordinators manage staff accounts", () => {
  it("invites a mediator: the link works once and expires", async () => {
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto("/admin/utilisateurs");
    await coordinator.getByRole("link", { name: "Inviter un membre de l'équipe" }).click();
    await expectNoA11yViolations(coordinator, "invite page");
    const email = `nadia-${unique()}@exemple.fr`;
    const started = Date.now();
    await coordinator.getByLabel("Prénom de la personne").fill("Nadia");
    await coordinator.getByLabel("Son adresse e-mail").fill(email);
    await coordinator.getByLabel("Son rôle").selectOption("mediator");
    await coordinator.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`Invitation envoyée à ${email}`);
    await coordinator.getByText(`Nadia (${email}), Médiateur numérique`).waitFor();
    await expectNoA11yViolations(coordinator, "invite page, sent");

    const link = linkIn(await waitForMail(email, { after: started - 1000 }));
    const invited = await newPage(browser);
    await invited.goto(link);
    await invited.getByText(`Vous êtes invité(e) avec l'adresse ${email}, comme Médiateur numérique`).waitFor();
    await expectNoA11yViolations(invited, "invitation page");
    await invited.getByLabel("Nom de famille").fill("Benali");
    await invited.getByLabel("Nouveau mot de passe").fill("une phrase de médiatrice");
    await invited.getByLabel("Répétez le mot de passe").fill("une phrase de médiatrice");
    await invited.getByRole("button", { name: "Créer mon compte" }).click();
    await invited.getByRole("link", { name: /Mon compte \(Nadia\)/ }).waitFor();
    const [row] = await sql`select role, last_name from app_user where email = ${email}`;
    expect(row).toEqual({ role: "mediator", last_name: "Benali" });
    // The mediator's tools are hers now.
    expect((await invited.goto("/accompagnement/journal"))?.status()).toBe(200);

    // Twice: the link no longer works, and says so.
    const again = await newPage(browser);
    await again.goto(link);
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("Ce lien d'invitation ne marche plus");
    await expectNoA11yViolations(again, "used invitation");
    expect(await again.getByRole("button", { name: "Créer mon compte" }).count()).toBe(0);

    // Expired: a second invitation whose date has passed.
    const late = `luc-${unique()}@exemple.fr`;
    const lateStart = Date.now();
    await coordinator.getByLabel("Prénom de la personne").fill("Luc");
    await coordinator.getByLabel("Son adresse e-mail").fill(late);
    await coordinator.getByLabel("Son rôle").selectOption("teacher");
    await coordinator.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`Invitation envoyée à ${late}`);
    const lateLink = linkIn(await waitForMail(late, { after: lateStart - 1000 }));
    await sql`update staff_invitation set expires_at = now() - interval '1 minute' where email = ${late}`;
    await again.goto(lateLink);
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("il a déjà servi ou il a expiré");
    expect(await sql`select 1 from app_user where email = ${late}`).toHaveLength(0);
    for (const page of [coordinator, invited, again]) await page.context().close();
  });

  it("cancels a pending invitation (its link answers 410) and sends another with a new link (the old one answers 410)", async () => {
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto("/admin/utilisateurs/inviter");
    const invite = async (firstName: string, email: string) => {
      await coordinator.getByLabel("Prénom de la personne").fill(firstName);
      await coordinator.getByLabel("Son adresse e-mail").fill(email);
      await coordinator.getByRole("button", { name: "Envoyer l'invitation" }).click();
      await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`Invitation envoyée à ${email}`);
    };
    const cancelled = `annulee-${unique()}@exemple.fr`;
    const started = Date.now();
    await invite("Sacha", cancelled);
    const cancelledLink = linkIn(await waitForMail(cancelled, { after: started - 1000 }));
    await coordinator.getByRole("button", { name: `Annuler l'invitation de ${cancelled}` }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`L'invitation de ${cancelled} est annulée`);
    expect(await coordinator.getByRole("button", { name: `Annuler l'invitation de ${cancelled}` }).count()).toBe(0);
    await expectNoA11yViolations(coordinator, "invite page, cancelled");

    const invited = await newPage(browser);
    expect((await invited.goto(cancelledLink))?.status()).toBe(410);
    await expect.poll(() => invited.getByRole("alert").textContent()).toContain("Cette invitation a été annulée");
    expect(await invited.getByRole("button", { name: "Créer mon compte" }).count()).toBe(0);
    await expectNoA11yViolations(invited, "cancelled invitation");

    const resent = `renvoyee-${unique()}@exemple.fr`;
    const first = Date.now();
    await invite("Yanis", resent);
    const oldLink = linkIn(await waitForMail(resent, { after: first - 1000 }));
    const second = Date.now();
    await coordinator.getByRole("button", { name: `Renvoyer un nouveau lien à ${resent}` }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`Nouvelle invitation envoyée à ${resent}`);
    const newLink = linkIn(await waitForMail(resent, { after: second }));
    expect(newLink).not.toBe(oldLink);
    expect((await invited.goto(oldLink))?.status()).toBe(410);
    await expect.poll(() => invited.getByRole("alert").textContent()).toContain("Ce lien a été remplacé par un nouveau");
    expect((await invited.goto(newLink))?.status()).toBe(200);
    await invited.getByText(`Vous êtes invité(e) avec l'adresse ${resent}`).waitFor();
    await coordinator.context().close();
    await invited.context().close();
  });

  it("suspends an account (its sessions end, sign-in is refused) and reactivation restores access", async () => {
    const email = `suspendu-${unique()}@exemple.fr`;
    const person = await newPage(browser);
    await person.goto("/inscription");
    await person.getByLabel("Prénom").fill("Odile");
    await person.getByLabel("Adresse e-mail").fill(email);
    await person.getByLabel("Nouveau mot de passe").fill("une phrase à suspendre");
    await person.getByLabel("Répétez le mot de passe").fill("une phrase à suspendre");
    await person.getByRole("button", { name: "Créer mon compte" }).click();
    await person.getByRole("link", { name: /Mon compte \(Odile\)/ }).waitFor();
    await sql`update app_user set commune = 'Saint-Aubin' where email = ${email}`;

    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto(`/admin/utilisateurs?q=${encodeURIComponent(email)}`);
    const row = coordinator.getByRole("row", { name: /Odile/ });
    await expect.poll(() => row.textContent()).toContain("Saint-Aubin");
    await expect.poll(() => row.textContent()).toContain(email);
    await expectNoA11yViolations(coordinator, "users list with commune");
    await row.getByRole("link", { name: /Odile/ }).click();
    await coordinator.getByRole("button", { name: "Suspendre ce compte" }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toContain("Le compte est suspendu");
    await coordinator.getByText(/Compte suspendu depuis le/).waitFor();
    await expectNoA11yViolations(coordinator, "suspended user page");
    expect(await sql`select 1 from session s join app_user u on u.id = s.user_id where u.email = ${email}`).toHaveLength(0);
    expect(await sql`select 1 from app_user where email = ${email}`).toHaveLength(1);

    // The open session is gone: the next page is the signed-out one.
    await person.goto("/compte");
    await person.waitForURL(/\/connexion/);
    await signIn(person, email, "une phrase à suspendre");
    await person.getByText("Ce compte est suspendu. Pour le réactiver, adressez-vous à l'équipe de coordination").waitFor();
    await expectNoA11yViolations(person, "sign-in, suspended");

    await coordinator.getByRole("button", { name: "Réactiver ce compte" }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toContain("Le compte est réactivé");
    await signIn(person, email, "une phrase à suspendre");
    await person.getByRole("link", { name: /Mon compte \(Odile\)/ }).waitFor();
    await person.context().close();
    await coordinator.context().close();
  });
});
