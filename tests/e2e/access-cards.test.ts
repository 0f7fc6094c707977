import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../../app/lib/password.server";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { pdfToText } from "../helpers/pdf-check";

/**
 * Decision 036 in the browser: a person with their own address and password
 * gets a card only after the mediator records their agreement; the person
 * is mailed; the coordinators see the card in their list.
 */
let browser: Browser;
let sql: postgres.Sql;
beforeAll(async () => {
  browser = await launchBrowser();
  sql = postgres(inject("appDatabaseUrl"), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

/** A learner with their own sign-in whom the demo mediator accompanies (she created the account before the person added an address). */
async function independentLearner(firstName: string) {
  const [mediator] = await sql<{ id: string }[]>`select id from app_user where email = ${DEMO.mediator}`;
  const email = `${firstName.toLowerCase()}-${Date.now()}@exemple.fr`;
  const [row] = await sql<{ id: string }[]>`
    insert into app_user (email, password_hash, first_name, last_name, role, created_by)
    values (${email}, ${await hashPassword("un mot de passe à elle")}, ${firstName}, 'Carte', 'learner', ${mediator!.id}) returning id`;
  return { id: row!.id, email };
}

describe("access cards only with the person's agreement (decision 036)", () => {
  it("refuses a card for an independent account, records the agreement, prints the card, mails the person, and lists it for coordinators", async () => {
    const firstName = `Renée${Date.now().toString(36).slice(-4)}`;
    const person = await independentLearner(firstName);
    const mediator = await newPage(browser);
    await signIn(mediator, DEMO.mediator, DEMO.password);

    // Posting straight to the card address (the audit's request) is refused, in French, with nothing printed.
    const direct = await mediator.request.post(`/accompagnement/personnes/${person.id}/carte`, { headers: { Origin: new URL(mediator.url()).origin, Accept: "text/html,application/xhtml+xml" }, maxRedirects: 0 });
    expect(direct.status()).toBe(409);
    expect(await direct.text()).toContain("Une carte d'accès ne peut être imprimée qu'avec son accord");
    expect(await sql`select id from access_card where user_id = ${person.id}`).toHaveLength(0);

    await mediator.goto(`/accompagnement/personnes/${person.id}`);
    await expect.poll(() => mediator.getByText("une carte d'accès lui donnerait une deuxième façon d'entrer dans son compte").count()).toBe(1);
    expect(await mediator.getByRole("button", { name: "Imprimer la carte d'accès (PDF)" }).count()).toBe(0);
    await expectNoA11yViolations(mediator, "learner page, card needs agreement");

    // Every point is needed.
    await mediator.getByRole("button", { name: "Noter son accord" }).click();
    await mediator.locator("#card-consent-explained-error").getByText("Cochez chaque point expliqué à la personne : ils sont tous nécessaires avant d'imprimer une carte.").waitFor();
    await expectNoA11yViolations(mediator, "card agreement with errors");
    for (const label of ["Qui a la carte peut se connecter", "Son adresse e-mail et son mot de passe", "Un message est envoyé", "Une carte perdue", "Elle peut retirer son accord"]) {
      await mediator.getByLabel(label).check();
    }
    await mediator.getByLabel("La personne elle-même").check();
    await mediator.getByRole("button", { name: "Noter son accord" }).click();
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("Son accord est noté");
    await expectNoA11yViolations(mediator, "card agreement recorded");

    const [download] = await Promise.all([
      mediator.waitForEvent("download"),
      mediator.getByRole("button", { name: "Imprimer la carte d'accès (PDF)" }).click(),
    ]);
    expect(pdfToText(await readFile((await download.path())!))).toContain(firstName);
    const mails = await sql<{ subject: string; text_body: string }[]>`select subject, text_body from outbox_message where to_address = ${person.email}`;
    expect(mails.map((m) => m.subject)).toEqual(["Une carte d'accès a été imprimée pour votre compte Passerelle"]);
    expect(mails[0]!.text_body).toContain("Amina Benali a imprimé le");

    // The coordinators see it, from their navigation.
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.getByRole("navigation").getByRole("link", { name: "Cartes d'accès imprimées" }).click();
    await coordinator.getByRole("heading", { level: 1, name: "Cartes d'accès imprimées" }).waitFor();
    const row = coordinator.getByRole("row").filter({ hasText: firstName });
    await expect.poll(() => row.textContent()).toContain("Amina Benali");
    expect(await row.textContent()).toContain("Accord noté de la personne");
    expect(await row.textContent()).toContain("Active, jamais utilisée");
    await expectNoA11yViolations(coordinator, "access cards list");
    // Mediators do not get the list.
    expect(await mediator.getByRole("navigation").getByRole("link", { name: "Cartes d'accès imprimées" }).count()).toBe(0);
    expect((await mediator.goto("/accompagnement/cartes"))?.status()).toBe(403);
  });
});
