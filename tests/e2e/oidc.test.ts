import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser } from "../helpers/browser";
import { freePort } from "../helpers/e2e-server";
import { providerEnv, startTestProvider, type TestProvider } from "../helpers/oidc-provider";
import { freshDatabase, PASSWORD, startServer, type StartedServer } from "./server-support";

/**
 * Issue 21, acceptance 1: signing in through a real OpenID provider
 * (oidc-provider, started here) in Chromium, against the built app started
 * with three providers: a well-behaved one, one whose published key is not
 * the key it signs with, and one whose ID tokens arrive after they expired.
 * The app runs with a clock tolerance of one second (the default is 30) so
 * that the late provider needs to be late by three seconds only.
 */
let browser: Browser;
let server: StartedServer;
let db: Awaited<ReturnType<typeof freshDatabase>>;
const providers: Record<string, TestProvider> = {};

beforeAll(async () => {
  const port = await freePort();
  const app = `http://127.0.0.1:${port}`;
  const client = (id: string) => ({ redirectUris: [`${app}/connexion/oidc/${id}/retour`], postLogoutRedirectUris: [`${app}/`] });
  [providers.ent, providers.faux, providers.retard] = await Promise.all([
    startTestProvider(client("ent")),
    startTestProvider({ ...client("faux"), wrongKey: true }),
    startTestProvider({ ...client("retard"), lateBySeconds: 3 }),
  ]);
  db = await freshDatabase("oidc");
  const labels = { ent: "ENT de test", faux: "Service mal signé", retard: "Service en retard" };
  server = await startServer({ DATABASE_URL: db.url, PORT: String(port), OIDC_CLOCK_TOLERANCE_SECONDS: "1", ...providerEnv(providers, labels) });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.sql.end();
  await Promise.all(Object.values(providers).map((p) => p.stop()));
});

async function freshPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: "fr-FR", viewport });
  return context.newPage();
}

/** Nothing wider than a 390 px phone. */
const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** From the sign-in page, through the provider's login form, as `login`. */
async function signInWith(page: Page, label: string, login: string) {
  await page.goto("/connexion");
  await page.getByRole("button", { name: `Se connecter avec ${label}` }).click();
  await page.getByLabel("Identifiant").fill(login);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.waitForLoadState("domcontentloaded");
}

const sessionCount = async () => Number((await db.sql`select count(*)::int as n from session`)[0]!.n);
const signedOutHeader = (page: Page) => page.locator("header").getByRole("link", { name: /^Se connecter/ }).first().waitFor({ state: "attached" });

describe("signing in with an OpenID provider", () => {
  let callbackUrl = "";

  it("creates an account at the first sign-in, signs out at the provider too, and the second sign-in finds the same account", async () => {
    providers.ent!.accounts.set("ines-1", { given_name: "Inès", family_name: "Martin", email: "ines.martin@exemple.fr", email_verified: true });
    const page = await freshPage({ width: 390, height: 844 });
    page.on("request", (r) => {
      if (r.url().includes("/connexion/oidc/ent/retour?")) callbackUrl = r.url();
    });
    await page.goto("/connexion");
    await expectNoA11yViolations(page, "sign-in page with providers");
    expect(await fitsThePhone(page)).toBe(true);
    await signInWith(page, "ENT de test", "ines-1");
    await page.getByRole("heading", { name: "Première connexion à Passerelle" }).waitFor();
    await expectNoA11yViolations(page, "first sign-in choice");
    expect(await fitsThePhone(page)).toBe(true);
    // The rest on a desktop, where the header shows the account links without opening the menu.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByRole("link", { name: /Mon compte \(Inès\)/ }).waitFor({ state: "attached" });
    const users = await db.sql`select u.id, u.email, u.role from app_user u join oidc_identity i on i.user_id = u.id where i.subject = 'ines-1'`;
    expect(users).toEqual([{ id: expect.any(String), email: "ines.martin@exemple.fr", role: "learner" }]);

    // The only way in cannot be unlinked.
    await page.goto("/compte/connexions");
    await expectNoA11yViolations(page, "sign-in methods");
    await page.getByRole("button", { name: "Délier ENT de test" }).click();
    await page.getByText("C'est votre seule façon de vous connecter").waitFor();

    // Sign-out ends our session, then the provider's (its own confirmation page), and comes back home.
    await page.getByRole("button", { name: /Se déconnecter/ }).click();
    await page.getByRole("button", { name: /Yes, sign me out/ }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await signedOutHeader(page);

    await signInWith(page, "ENT de test", "ines-1");
    await page.getByRole("link", { name: /Mon compte \(Inès\)/ }).waitFor({ state: "attached" });
    expect(await db.sql`select id from app_user where email = 'ines.martin@exemple.fr'`).toHaveLength(1);
  });

  it("refuses the same answer sent again (its state and nonce were used): a clear message, a 400, no session", async () => {
    expect(callbackUrl).toContain("state=");
    const page = await freshPage();
    const before = await sessionCount();
    const response = await page.goto(callbackUrl);
    expect(response?.status()).toBe(400);
    await page.getByText("Cette connexion n'est plus valable").waitFor();
    await expectNoA11yViolations(page, "sign-in refused");
    expect(await sessionCount()).toBe(before);
  });

  it("links to an existing account only with its password, even when the provider gives its address", async () => {
    providers.ent!.accounts.set("josiane-1", { given_name: "Josiane", email: db.email, email_verified: true });
    const page = await freshPage();
    await signInWith(page, "ENT de test", "josiane-1");
    await page.getByText(`Un compte Passerelle utilise déjà l'adresse ${db.email}`).waitFor();
    const form = page.locator("#oidc-link-password");
    await form.getByLabel("Adresse e-mail").fill(db.email);
    await form.getByLabel(/^Mot de passe/).fill("pas le bon mot de passe");
    await form.getByRole("button", { name: "Me connecter et relier mes comptes" }).click();
    await page.getByText(/Adresse e-mail ou mot de passe incorrect/).first().waitFor();
    expect(await db.sql`select 1 from oidc_identity where subject = 'josiane-1'`).toHaveLength(0);
    await form.getByLabel("Adresse e-mail").fill(db.email);
    await form.getByLabel(/^Mot de passe/).fill(PASSWORD);
    await form.getByRole("button", { name: "Me connecter et relier mes comptes" }).click();
    await page.getByRole("link", { name: /Mon compte \(Josiane\)/ }).waitFor({ state: "attached" });
    const [linked] = await db.sql`select u.email from oidc_identity i join app_user u on u.id = i.user_id where i.subject = 'josiane-1'`;
    expect(linked).toEqual({ email: db.email });

    // As a coordinator, she writes the rule that makes the ENT's teachers teachers here.
    await db.sql`update app_user set role = 'coordinator' where email = ${db.email}`;
    await page.goto("/admin/connexion-oidc");
    await expectNoA11yViolations(page, "role mappings");
    await page.getByLabel("Service de connexion").selectOption("ent");
    await page.getByLabel(/^Nom de l'information/).fill("groups");
    await page.getByLabel(/^Valeur/).fill("profs");
    await page.getByLabel("Rôle donné").selectOption("teacher");
    await page.getByRole("button", { name: "Ajouter la règle" }).click();
    await page.getByText("La règle est enregistrée").waitFor();
    expect(await db.sql`select claim, value, role from oidc_role_mapping`).toEqual([{ claim: "groups", value: "profs", role: "teacher" }]);
  });

  it("refuses a changed state, a wrongly-signed ID token and an expired one: a clear message, a 400, no session", async () => {
    const before = await sessionCount();
    providers.ent!.accounts.set("tampered-1", { given_name: "Tom" });
    const page = await freshPage();
    const held = providers.ent!.holdNextAnswer();
    await signInWith(page, "ENT de test", "tampered-1");
    const answer = new URL(await held);
    const tampered = new URL(answer);
    tampered.searchParams.set("state", `${answer.searchParams.get("state")!.slice(0, -2)}xx`);
    expect((await page.goto(tampered.href))?.status()).toBe(400);
    await page.getByText("Cette connexion n'est plus valable").waitFor();
    await signedOutHeader(page);
    // The state was refused for being changed, not for anything else: the untouched answer still works.
    expect((await page.goto(answer.href))?.url()).toContain("/connexion/oidc/premiere-connexion");

    const wrongKey = await freshPage();
    const signed = wrongKey.waitForResponse(/\/connexion\/oidc\/faux\/retour\?/);
    await signInWith(wrongKey, "Service mal signé", "someone");
    expect((await signed).status()).toBe(400);
    await wrongKey.getByText("La réponse du service de connexion n'a pas pu être vérifiée").waitFor();

    const late = await freshPage();
    const expired = late.waitForResponse(/\/connexion\/oidc\/retard\/retour\?/);
    await signInWith(late, "Service en retard", "someone");
    expect((await expired).status()).toBe(400);
    await late.getByText("La réponse du service de connexion est arrivée trop tard").waitFor();
    await signedOutHeader(late);
    expect(await sessionCount()).toBe(before);
  });
});
