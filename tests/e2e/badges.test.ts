import { gunzipSync } from "node:zlib";
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { Browser, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { pdfFonts, pdfToText } from "../helpers/pdf-check";
import { h5pFrames } from "./h5p-support";

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

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signUp(page: Page, firstName: string) {
  const email = `${firstName.toLowerCase()}-${unique()}@exemple.fr`;
  await page.goto("/inscription");
  await page.getByLabel("Prénom").fill(firstName);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Nouveau mot de passe").fill("ma phrase secrète");
  await page.getByLabel("Répétez le mot de passe").fill("ma phrase secrète");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect.poll(() => page.url()).toContain("/compte");
  return email;
}

/** Follows a course in the lesson player: open it, then "J'ai terminé cette leçon" until the end (a lesson already done: to the next). */
async function completeCourse(page: Page, slug: string) {
  await page.goto(`/cours/${slug}`);
  // « Commencer » (a button: it enrols) or « Reprendre » (a link).
  await page.locator("main .button.primary.big").first().click();
  await clickThrough(page, slug);
}

/** From the lesson on screen: "J'ai terminé cette leçon" (or, on a lesson already done, the next one) until the course is done. */
async function clickThrough(page: Page, slug: string, until?: string) {
  const title = page.getByRole("heading", { level: 1 });
  for (let i = 0; i < 30 && !page.url().includes("termine=1"); i++) {
    const heading = await title.textContent();
    if (heading === until) return;
    const done = page.getByRole("button", { name: "J'ai terminé cette leçon" });
    if (await done.count()) await done.click();
    else await page.locator("a[rel=next]").click();
    await expect.poll(async () => page.url().includes("termine=1") || (await title.textContent()) !== heading).toBe(true);
  }
  expect(page.url()).toContain(`/cours/${slug}?termine=1`);
}

describe("badges in the browser", () => {
  it("completing the path's courses in the lesson player earns a badge whose public page says valid, then revoked", async () => {
    const page = await newPage(browser);
    const email = await signUp(page, "Paulette");
    await page.goto("/parcours/autonome-avec-le-numerique");
    await page.getByText("0 étape obligatoire faite sur 2").first().waitFor();

    await completeCourse(page, "creer-et-utiliser-une-adresse-e-mail");
    await page.goto("/parcours/autonome-avec-le-numerique");
    const steps = page.locator("ol.path-steps > li");
    await expect.poll(() => steps.nth(0).locator(".step-status").textContent()).toMatch(/^Faite le /);
    await expect.poll(() => steps.nth(2).locator(".step-status").textContent()).toBe("À faire");

    // The seniors badge asks for the scams course's quiz answered right and 30 minutes in the lessons (decision 041).
    const [quizLesson] = await sql<{ id: string }[]>`
      select lesson.id from lesson join course on course.id = lesson.course_id
      where course.slug = 'se-proteger-des-arnaques-en-ligne' and lesson.source_key = 'proteger-ses-comptes'`;
    await page.goto("/cours/se-proteger-des-arnaques-en-ligne");
    await page.getByRole("button", { name: "Commencer" }).click();
    await clickThrough(page, "se-proteger-des-arnaques-en-ligne", "Protéger ses comptes");
    await page.locator("iframe[data-h5p-content]").scrollIntoViewIfNeeded();
    const { player } = await h5pFrames(page);
    await player.getByLabel("Cheval-Pile-Agrafe-Correct").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    await player.getByText("Bonne réponse ! Score : 1 sur 1").waitFor();
    await expect.poll(async () => (await sql`select 1 from lesson_progress p join app_user u on u.id = p.user_id where u.email = ${email} and p.lesson_id = ${quizLesson!.id} and p.best_score = 1`).length, { timeout: 15_000 }).toBe(1);
    // Time passing, as a reader's would: each lesson opened ten minutes before it was marked done.
    await sql`update lesson_progress set started_at = coalesce(completed_at, now()) - interval '10 minutes' where user_id = (select id from app_user where email = ${email})`;
    await page.reload();
    await clickThrough(page, "se-proteger-des-arnaques-en-ligne");
    // Issued the moment the last lesson is done, and said on the course page.
    await page.getByText(/Vous avez obtenu (un badge|\d+ badges)\./).waitFor();
    await expectNoA11yViolations(page, "course just finished, badge earned");
    await page.goto("/parcours/autonome-avec-le-numerique");
    await page.getByText("Bravo ! Vous avez obtenu le badge « Autonome avec le numérique au quotidien ».").waitFor();
    await expectNoA11yViolations(page, "completed path page");
    await page.getByRole("link", { name: "Voir mon badge" }).click();
    await expect.poll(() => page.url()).toMatch(/\/badges\/[0-9a-f-]{36}$/);
    const badgeUrl = page.url();

    await page.getByText("Ce badge est authentique et valide.").waitFor();
    await page.getByText("Nom non affiché (choix de la personne)").waitFor();
    // The evidence the credential lists: the two courses, with their dates.
    await page.getByRole("heading", { name: "Ce que la personne a fait pour obtenir ce badge" }).waitFor();
    expect(await page.locator(".evidence-list li").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Cours « Créer et utiliser une adresse e-mail » \(Cours en ligne\) : Terminé le \d{4}-\d{2}-\d{2} ; \d+ leçons/)]),
    );
    // The family name to print on the certificate, given when claiming it.
    await page.getByLabel("Nom de famille à imprimer sur le certificat (facultatif)").fill("Dubois");
    await page.getByRole("button", { name: "Enregistrer le nom du certificat" }).click();
    await page.getByText("C'est noté : le certificat portera ce nom.").waitFor();
    await expectNoA11yViolations(page, "verify page (owner)");

    // The owner downloads the certificate and the signed credential.
    const pdf = await page.request.get(`${badgeUrl}/certificat.pdf`);
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(pdfFonts(bytes).every((font) => font.embedded)).toBe(true);
    expect(pdfToText(bytes)).toContain("Paulette Dubois");
    const jwt = await (await page.request.get(`${badgeUrl}/badge.jwt`)).text();
    expect(jwt.split(".")).toHaveLength(3);

    // jose, with the keys the running app publishes (OB 3.0 §8.2), and the revocation bit of its status list.
    const remoteKeys = createRemoteJWKSet(new URL("/badges/emetteur/jwks.json", baseUrl()));
    const { payload: credential } = await jwtVerify<{ credentialStatus: { statusListCredential: string; statusListIndex: string } }>(jwt, remoteKeys, {
      typ: "JWT",
      issuer: `${baseUrl()}/badges/emetteur`,
    });
    const revocationBit = async () => {
      const list = await (await fetch(credential.credentialStatus.statusListCredential)).text();
      const { payload } = await jwtVerify<{ credentialSubject: { encodedList: string } }>(list, remoteKeys, { typ: "vc+jwt" });
      const bits = gunzipSync(Buffer.from(payload.credentialSubject.encodedList.slice(1), "base64url"));
      const index = Number(credential.credentialStatus.statusListIndex);
      return (bits[index >> 3]! >> (7 - (index % 8))) & 1;
    };
    expect(await revocationBit()).toBe(0);

    // "My badges": allow the name on the public page.
    await page.goto("/badges");
    await page.getByRole("heading", { level: 2, name: "Autonome avec le numérique au quotidien" }).waitFor();
    await expectNoA11yViolations(page, "my badges");
    await page.getByLabel("Afficher mon nom sur la page de vérification").check();
    await page.getByRole("button", { name: /Enregistrer/ }).click();
    await page.getByText("Votre choix est enregistré.").waitFor();

    // Anyone can check it, without an account; an altered credential fails.
    const visitor = await newPage(browser);
    await visitor.goto(badgeUrl);
    await visitor.getByText("Ce badge est authentique et valide.").waitFor();
    await visitor.getByText("Paulette").waitFor();
    await expectNoA11yViolations(visitor, "verify page (visitor)");
    await visitor.getByRole("link", { name: "Vérifier un badge reçu sous forme de fichier" }).click();
    const i = jwt.indexOf(".") + 60;
    await visitor.getByLabel("Badge signé (JWT)").fill(jwt.slice(0, i) + (jwt[i] === "A" ? "B" : "A") + jwt.slice(i + 1));
    await visitor.getByRole("button", { name: "Vérifier" }).click();
    await visitor.getByText("Ce badge n'est pas valide.").waitFor();
    await expectNoA11yViolations(visitor, "paste verification (invalid)");
    await visitor.getByLabel("Badge signé (JWT)").fill(jwt);
    await visitor.getByRole("button", { name: "Vérifier" }).click();
    await visitor.getByText(/Signature valide : ce badge « Autonome avec le numérique au quotidien »/).waitFor();

    // The issuer's key is published at a stable address.
    const jwks = await (await visitor.request.get("/badges/emetteur/jwks.json")).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    expect(await (await visitor.request.get("/.well-known/passerelle-issuer.json")).json()).toEqual(jwks);
    const profile = await (await visitor.request.get("/badges/emetteur")).json();
    expect(profile).toMatchObject({ type: ["Profile"], name: "Communauté de communes des Pays d'Oise et d'Halatte" });

    // A coordinator withdraws it; the public page then says so.
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto(badgeUrl);
    await coordinator.getByLabel("Motif").fill("Délivré par erreur (test)");
    await coordinator.getByRole("button", { name: "Retirer ce badge" }).click();
    await coordinator.getByText("Le badge a été retiré.").waitFor();
    await expectNoA11yViolations(coordinator, "verify page (coordinator, revoked)");

    await visitor.goto(badgeUrl);
    await visitor.getByText(/Ce badge a été retiré par l'émetteur le .+\. Il n'est plus valide\./).waitFor();
    expect(await revocationBit()).toBe(1);
    for (const p of [page, visitor, coordinator]) await p.context().close();
  }, 180_000);

  it("needs a sign-in to download, and says 404 for an unknown badge", async () => {
    const page = await newPage(browser);
    const missing = await page.request.get(`/badges/${crypto.randomUUID()}`);
    expect(missing.status()).toBe(404);
    const download = await page.request.get(`/badges/${crypto.randomUUID()}/badge.jwt`, { maxRedirects: 0 });
    expect(download.status()).toBe(302);
    expect(download.headers()["location"]).toContain("/connexion");
    await page.context().close();
  });
});
