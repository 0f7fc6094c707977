import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import type { Browser, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, openMenu, signIn, waitForMail } from "../helpers/browser";

/**
 * Issue 20, part A in the browser: a coordinator adds a partner and invites
 * its staff member; she accepts, publishes an offer needing two skills; the
 * coordinator approves it; anyone finds it on /emplois with the filters (no
 * JavaScript), in the Atom feed, and on the partner's page. The list's HTML
 * is checked by html-validate and the feed by xmllint against RFC 4287's
 * RELAX NG schema and by feedparser (acceptance 5).
 */

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
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * html-validate's recommended preset, less four rules about how the source
 * is typed rather than whether it is valid HTML (React writes it, both forms
 * are valid): `void-style` (`<meta/>` vs `<meta>`), `attribute-boolean-style`
 * (`selected=""` vs `selected`), `no-trailing-whitespace` and `attr-case`;
 * `no-inline-style` too, for React Router's own markup. Every rule of the
 * standard (content models, unique ids, labels, nesting…) stays on.
 */
const htmlValidate = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: { "void-style": "off", "attribute-boolean-style": "off", "no-trailing-whitespace": "off", "attr-case": "off", "no-inline-style": "off" },
});

async function validHtml(page: Page, url: string) {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  const report = await htmlValidate.validateString(await response.text());
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
  expect(messages, `html-validate on ${url}`).toEqual([]);
}

/** No sideways scroll on a 390 px phone with large text, and axe clean. */
async function phoneChecks(page: Page, label: string) {
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => document.documentElement.classList.contains("large-text")), label).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${label}: sideways scroll`).toBeLessThanOrEqual(0);
  await expectNoA11yViolations(page, label);
}

describe("partners and local job offers (issue 20, part A)", () => {
  it("invite a partner, publish an offer with two skills, moderate it, find it without JavaScript and in a valid feed", async () => {
    // 1. The coordinator adds the partner and invites its staff member.
    const coordinator = await newPage(browser);
    await signIn(coordinator, DEMO.coordinator, DEMO.password);
    await coordinator.goto("/admin/partenaires");
    await expectNoA11yViolations(coordinator, "partners admin");
    await coordinator.getByRole("link", { name: "Ajouter un partenaire" }).click();
    const name = `Menuiserie Lemaire ${unique()}`;
    await coordinator.getByLabel(/^Nom de l'organisation/).fill(name);
    await coordinator.getByLabel(/^Type d'organisation/).selectOption("employer");
    await coordinator.getByLabel(/^Secteur/).selectOption("crafts");
    await coordinator.getByLabel(/^Commune/).fill("Pontpoint");
    await coordinator.getByRole("button", { name: "Enregistrer" }).click();
    await coordinator.getByRole("heading", { level: 1, name: `Partenaire : ${name}` }).waitFor();
    await expectNoA11yViolations(coordinator, "partner admin page");
    await coordinator.getByRole("link", { name: "Inviter une personne de ce partenaire" }).click();
    // A long address, as real ones can be: it must wrap on a phone, not push the page sideways.
    const email = `recrutement.menuiserie-lemaire-${unique()}@exemple.fr`;
    const started = Date.now();
    await coordinator.getByLabel("Prénom de la personne").fill("Inès");
    await coordinator.getByLabel("Son adresse e-mail").fill(email);
    expect(await coordinator.getByLabel("Son rôle").inputValue()).toBe("partner");
    await coordinator.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(`Invitation envoyée à ${email}`);

    // 2. She accepts and publishes an offer needing two skills.
    const link = /https?:\/\/\S+\/invitation\?jeton=[a-z0-9]+/.exec(await waitForMail(email, { after: started - 1000 }))![0];
    const partner = await newPage(browser);
    await partner.goto(link);
    await partner.getByLabel("Nouveau mot de passe").fill("une phrase de menuisière");
    await partner.getByLabel("Répétez le mot de passe").fill("une phrase de menuisière");
    await partner.getByRole("button", { name: "Créer mon compte" }).click();
    await partner.getByRole("link", { name: /Mon compte \(Inès\)/ }).waitFor();
    await partner.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mon espace partenaire" }).click();
    await partner.getByRole("heading", { level: 1, name: "Mon espace partenaire" }).waitFor();
    await partner.getByText(`Vous agissez pour : ${name}`).waitFor();
    await partner.getByRole("link", { name: "Publier une offre" }).click();
    await expectNoA11yViolations(partner, "offer form");
    const title = `Menuisier·ère poseur·se ${unique()}`;
    await partner.getByLabel(/^Intitulé du poste/).fill(title);
    await partner.getByLabel(/^Secteur/).selectOption("crafts");
    await partner.getByLabel(/^Commune du poste/).fill("Pontpoint");
    await partner.getByLabel(/^Type de contrat/).selectOption("cdd");
    await partner.getByLabel(/^Temps de travail/).selectOption("full_time");
    await partner.getByLabel(/^Offre valable jusqu'au/).fill(inDays(30));
    await partner.getByLabel("Accessible sans diplôme").check();
    await partner.getByLabel("Comment candidater").fill("Appelez l'atelier au 03 44 00 00 00.");
    await partner.getByLabel("2.1 Interagir").selectOption("2.1:2");
    await partner.getByLabel("3.1 Développer des documents textuels").selectOption("3.1");
    // A CDD without its duration is refused beside the field, answers kept.
    await partner.getByRole("button", { name: "Envoyer l'offre pour relecture" }).click();
    await partner.getByText("Indiquez la durée en mois pour ce type de contrat.").first().waitFor();
    expect(await partner.getByLabel(/^Intitulé du poste/).inputValue()).toBe(title);
    await partner.getByLabel(/^Durée en mois/).fill("6");
    await partner.getByRole("button", { name: "Envoyer l'offre pour relecture" }).click();
    await partner.waitForURL((url) => url.pathname === "/espace-partenaire");
    await partner.getByRole("row", { name: new RegExp(title) }).getByText("En attente de relecture").waitFor();
    await expectNoA11yViolations(partner, "partner space");
    const [offer] = await sql`select id from job_offer where title = ${title}`;
    expect((await partner.request.get(`/emplois/${offer!.id}`, { maxRedirects: 0 })).status()).toBe(200); // her own, before publication
    const stranger = await newPage(browser);
    expect((await stranger.goto(`/emplois/${offer!.id}`))?.status()).toBe(404);

    // 3. The coordinator approves it.
    await coordinator.goto("/admin/offres");
    await expectNoA11yViolations(coordinator, "moderation queue");
    await coordinator.getByRole("button", { name: `Publier « ${title} »` }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain("Offre publiée.");

    // 4. Anyone finds it on /emplois with the filters, JavaScript off…
    const noJs = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", javaScriptEnabled: false })).newPage();
    await noJs.goto("/emplois");
    await noJs.getByLabel("Secteur").selectOption("crafts");
    await noJs.getByLabel("Type de contrat").selectOption("cdd");
    await noJs.getByLabel("Seulement les offres accessibles sans diplôme").check();
    await noJs.getByRole("button", { name: "Voir les offres" }).click();
    await noJs.waitForURL((url) => url.searchParams.get("sector") === "crafts" && url.searchParams.get("noDiploma") === "1");
    await noJs.getByRole("link", { name: title }).waitFor();
    await noJs.getByLabel("Type de contrat").selectOption("cdi");
    await noJs.getByRole("button", { name: "Voir les offres" }).click();
    await noJs.waitForURL((url) => url.searchParams.get("contract") === "cdi");
    expect(await noJs.getByRole("link", { name: title }).count()).toBe(0);
    // …and on a phone with large text (the pages load no script either way).
    const phone = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto("/emplois?sector=crafts&contract=cdd&noDiploma=1");
    await openMenu(phone);
    await phone.getByRole("button", { name: "Texte plus grand" }).click();
    await phone.locator("html.large-text").waitFor({ state: "attached" });
    await phone.getByRole("link", { name: title }).waitFor();
    expect(await phone.locator("script[src]").count()).toBe(0);
    await phoneChecks(phone, "offers list, filtered");
    await phone.goto(`/emplois/${offer!.id}`);
    await phone.getByRole("heading", { level: 1, name: title }).waitFor();
    const skills = await phone.locator(".skill-list li").allTextContents();
    expect(skills).toEqual(["Interagir (niveau 2)", "Développer des documents textuels"]);
    await phoneChecks(phone, "offer page");
    await phone.getByRole("link", { name }).click();
    await phone.getByRole("link", { name: title }).waitFor();
    await phoneChecks(phone, "partner page");

    // 5. The list's HTML is valid, and the feed is valid Atom that lists it.
    await validHtml(phone, "/emplois");
    await validHtml(phone, `/emplois/${offer!.id}`);
    expect(await noJs.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).toBe("/emplois/flux.atom");
    const feed = await phone.request.get("/emplois/flux.atom");
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const atom = await feed.text();
    const offerUrl = `${inject("baseUrl")}/emplois/${offer!.id}`;
    expect(atom).toContain(`<id>${offerUrl}</id>`);
    const dir = mkdtempSync(path.join(tmpdir(), "atom-"));
    writeFileSync(path.join(dir, "feed.xml"), atom);
    // xmllint validates against the RELAX NG schema of RFC 4287 (appendix B, in XML syntax).
    execFileSync("xmllint", ["--noout", "--relaxng", path.resolve("tests/fixtures/atom-rfc4287.rng"), path.join(dir, "feed.xml")], { stdio: "pipe" });
    // The same check refuses an entry without its id (so it can fail).
    writeFileSync(path.join(dir, "broken.xml"), atom.replace(`<id>${offerUrl}</id>`, ""));
    expect(() =>
      execFileSync("xmllint", ["--noout", "--relaxng", path.resolve("tests/fixtures/atom-rfc4287.rng"), path.join(dir, "broken.xml")], { stdio: "pipe" }),
    ).toThrow();
    const parsed = JSON.parse(
      execFileSync("/usr/bin/python3", ["tests/helpers/feed-check.py", path.join(dir, "feed.xml")], { encoding: "utf8" }),
    ) as { version: string; bozo: boolean; entries: { id: string; link: string; title: string }[] };
    expect(parsed).toMatchObject({ version: "atom10", bozo: false });
    expect(parsed.entries.find((e) => e.id === offerUrl)?.title).toContain(title);
    const rss = await phone.request.get("/emplois/flux.rss");
    expect(rss.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
    writeFileSync(path.join(dir, "feed.rss"), await rss.text());
    const parsedRss = JSON.parse(execFileSync("/usr/bin/python3", ["tests/helpers/feed-check.py", path.join(dir, "feed.rss")], { encoding: "utf8" }));
    expect(parsedRss).toMatchObject({ version: "rss20", bozo: false });

    // 6. Filled: off the list at once.
    await partner.goto("/espace-partenaire");
    await partner.getByRole("button", { name: `Poste pourvu : « ${title} »` }).click();
    await expect.poll(() => partner.getByRole("status").textContent()).toContain("l'offre n'est plus en ligne");
    expect((await stranger.goto(`/emplois/${offer!.id}`))?.status()).toBe(404);
    for (const page of [coordinator, partner, stranger, phone, noJs]) await page.context().close();
  }, 150_000);
});
