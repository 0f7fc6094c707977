import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueBadge } from "../../app/features/badges/service.server";
import { createOffer } from "../../app/features/jobs/offers.server";
import { OfferSchema } from "../../app/features/jobs/schemas-offers";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, openMenu, signIn, waitForMail } from "../helpers/browser";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";

/**
 * Issue 20, acceptance 1 (decision 046): a coordinator invites a partner's
 * staff member; the partner's offer needs two skills and a coordinator
 * publishes it; a job seeker with one matching badge, on a 390×844 phone
 * with large text, sees « 1 compétence que vous avez, 1 à apprendre » and
 * the course that teaches the other, shares her badges and says she is
 * interested; the partner opens her shared profile and verifies the badge
 * (valid); she follows the offer's path and finds it in « Mon suivi »,
 * with the partner's view in her disclosure list. axe-core on every page.
 *
 * The offer itself is written through part A's createOffer (the partner's
 * form is part A's and tested there); everything else goes through pages.
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

async function checked(page: Page, label: string) {
  await page.waitForLoadState("load");
  await expectNoA11yViolations(page, label);
}

describe("towards a job (issue 20)", () => {
  it("invite a partner, publish an offer, match a job seeker, interest, verified badge, followed path", async () => {
    const db = database.db;
    const suffix = Date.now().toString(36);
    const partner = await db
      .insertInto("partner_org")
      .values({ slug: `fournil-${suffix}`, name: `Le Fournil ${suffix}`, kind: "employer", sector: "retail", commune: "Pont-Sainte-Maxence" })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    // The job seeker: a learner with a real, signed badge for 2.1 (« Interagir »), and a course that teaches 3.1.
    const samira = await createUser(db, { role: "learner", firstName: "Samira" });
    const slug = `cv-${suffix}`;
    await db.insertInto("course").values({ slug, title: `Rédiger son CV ${suffix}`, status: "published", competences: ["3.1"] }).execute();
    const achievement = await db
      .insertInto("achievement")
      .values({ slug: `courriel-${suffix}`, kind: "course", course_slug: `courriel-${suffix}`, name: `Échanger par courriel ${suffix}`, description: "Un badge", criteria: "Terminer le cours", competences: ["2.1"] })
      .returningAll()
      .executeTakeFirstOrThrow();
    const badgeId = (await issueBadge(db, { achievement, userId: samira.id, baseUrl: baseUrl() }))!;

    // 1. The coordinator invites a person of the partner.
    const coordinator = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR" })).newPage();
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto(`/admin/utilisateurs/inviter?partenaire=${partner.id}`);
    const email = uniqueEmail("partenaire");
    const started = Date.now();
    await coordinator.getByLabel("Prénom de la personne").fill("Hugo");
    await coordinator.getByLabel("Son adresse e-mail").fill(email);
    await coordinator.getByLabel("Son rôle").selectOption("partner");
    await coordinator.getByLabel("Organisation partenaire").selectOption(partner.id);
    await coordinator.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`Invitation envoyée à ${email}`);
    const link = /https?:\/\/\S+\/invitation\?jeton=[a-z0-9]+/.exec(await waitForMail(email, { after: started - 1000 }))![0];
    const staff = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR" })).newPage();
    await staff.goto(link);
    await staff.getByLabel("Nom de famille").fill("Martin");
    await staff.getByLabel("Nouveau mot de passe").fill("une phrase de boulanger");
    await staff.getByLabel("Répétez le mot de passe").fill("une phrase de boulanger");
    await staff.getByRole("button", { name: "Créer mon compte" }).click();
    await staff.getByRole("link", { name: /Mon compte \(Hugo\)/ }).waitFor();

    // 2. The partner's offer needs 2.1 and 3.1; the coordinator publishes it.
    const hugo = await db.selectFrom("app_user").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    const title = `Vendeur ou vendeuse en boulangerie ${suffix}`;
    const input = OfferSchema.parse({ title, sector: "retail", contract: "cdi", workingTime: "full_time", commune: "Pont-Sainte-Maxence", howToApply: "Passez au magasin", expiresOn: DateTime.now().plus({ days: 30 }).toISODate(), skills: ["2.1", "3.1"] });
    const { id: offerId } = await createOffer(db, hugo, input);
    await coordinator.goto("/admin/offres");
    await coordinator.getByRole("button", { name: `Publier « ${title} »` }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toContain("Offre publiée.");

    // 3. Samira, on a phone with large text: the offer shows what she has and what to learn.
    const seeker = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: PHONE, hasTouch: true })).newPage();
    await signIn(seeker, samira.email!, TEST_PASSWORD);
    await openMenu(seeker);
    await seeker.getByRole("button", { name: "Texte plus grand" }).click();
    await seeker.waitForFunction(() => document.documentElement.classList.contains("large-text"));
    await seeker.goto(`/emplois/${offerId}`);
    await seeker.getByText("1 compétence que vous avez, 1 à apprendre.").waitFor();
    expect(await seeker.getByRole("link", { name: `Rédiger son CV ${suffix}` }).count()).toBe(1);
    expect(await seeker.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "sideways scroll").toBeLessThanOrEqual(0);
    await checked(seeker, "offer page with the match");

    // She shares her badges (her project first), then says she is interested.
    await seeker.goto("/emplois/mon-projet");
    await seeker.getByLabel("Commerce").check();
    await seeker.getByLabel("Les communes où je peux aller travailler").fill("Pont-Sainte-Maxence");
    await seeker.getByRole("button", { name: "Enregistrer" }).click();
    await seeker.getByText("Votre projet est enregistré.").waitFor();
    await seeker.getByRole("button", { name: "Partager — mes badges" }).click();
    await seeker.getByText(/Partagé depuis le/).waitFor();
    await checked(seeker, "job project");
    await seeker.goto(`/emplois/${offerId}`);
    await seeker.getByLabel("Un mot pour l'employeur (facultatif)").fill("Bonjour, je suis disponible le matin.");
    await seeker.getByRole("button", { name: "Je suis intéressé·e" }).click();
    await seeker.getByText("L'employeur a reçu votre intérêt.").waitFor();
    await checked(seeker, "offer path after interest");

    // 4. The partner opens her shared profile and verifies the badge.
    await staff.goto("/emplois/candidatures");
    await staff.getByRole("button", { name: "Voir le profil partagé de Samira" }).click();
    await staff.getByRole("heading", { name: "Profil partagé par Samira" }).waitFor();
    await checked(staff, "applicants with the shared profile");
    await staff.getByRole("link", { name: `Vérifier le badge « Échanger par courriel ${suffix} »` }).click();
    await staff.waitForURL(`**/badges/${badgeId}`);
    await staff.getByText("Ce badge est authentique et valide.").waitFor();

    // 5. She follows the offer's path and finds it in « Mon suivi »; she sees who looked at her profile.
    await seeker.getByRole("button", { name: "Suivre ce parcours" }).click();
    await seeker.getByText("Vous suivez ce parcours.").waitFor();
    await seeker.goto("/compte/activites");
    await seeker.getByRole("link", { name: `Parcours vers l'offre « ${title} »` }).waitFor();
    await checked(seeker, "Mon suivi with the offer's path");
    await seeker.goto("/emplois/mon-projet");
    await seeker.getByText(new RegExp(`Hugo Martin \\(${partner.name}\\), pour l'offre « ${title} », a vu : mon projet, mes badges`)).waitFor();
  });
});
