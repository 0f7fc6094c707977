import { readFile } from "node:fs/promises";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";

/** Issue 14, acceptance 1, 2 and 7: check-in that never refuses a present person; a 30-second activity-log entry. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TABLET = { width: 1024, height: 768 };

async function tabletPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR", viewport: TABLET });
  return context.newPage();
}

/** Nothing below the fold: the page does not scroll, or every element named is on screen at the top. */
async function expectOnScreen(page: Page, locators: ReturnType<Page["locator"]>[], label: string) {
  await page.screenshot({ path: `/tmp/sd-shots/${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
  expect(await page.evaluate(() => window.scrollY), `${label}: scrolled`).toBe(0);
  for (const l of locators) {
    const box = (await l.boundingBox())!;
    expect(box, label).not.toBeNull();
    expect(box.y + box.height, `${label}: ${await l.evaluate((e) => e.outerHTML.slice(0, 80))} below the fold`).toBeLessThanOrEqual(TABLET.height);
  }
}

async function scheduleSoon(page: Page, title: string, seats: number) {
  let start = DateTime.now().setZone("Europe/Paris").plus({ hours: 2 }).startOf("hour");
  if (start.hour >= 22) start = start.plus({ days: 1 }).set({ hour: 8 });
  await page.goto("/ateliers/nouveau");
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("E-mail", { exact: true }).check();
  await page.getByLabel("Débutant").check();
  await page.getByLabel(/^Lieu/).selectOption({ label: "Espace numérique de la médiathèque de Pont-Sainte-Maxence (Pont-Sainte-Maxence)" });
  await page.getByLabel(/^Date/).fill(start.toISODate()!);
  await page.getByLabel(/^Début/).fill(start.toFormat("HH:mm"));
  await page.getByLabel(/^Fin/).fill(start.plus({ hours: 1 }).toFormat("HH:mm"));
  await page.getByLabel(/^Nombre de places/).fill(String(seats));
  await page.getByRole("button", { name: "Programmer l'atelier" }).click();
  const confirm = page.getByLabel(/Je confirme : programmer l'atelier en dehors des horaires/);
  const scheduled = () => /\/ateliers\/[0-9a-f-]{36}$/.test(page.url());
  await expect.poll(async () => scheduled() || (await confirm.count()) > 0).toBe(true);
  if (!scheduled()) {
    // The médiathèque is closed then: the form says when it opens and asks.
    await page.getByText("Horaires d'ouverture de « Espace numérique de la médiathèque").waitFor();
    await page.getByText(/Du mardi au vendredi : 10 h – 12 h et 14 h – 18 h/).waitFor();
    await expectNoA11yViolations(page, "workshop outside the place's hours");
    await confirm.check();
    await page.getByRole("button", { name: "Programmer l'atelier" }).click();
    await expect.poll(scheduled).toBe(true);
  }
  return page.url().split("/ateliers/")[1]!;
}

async function book(email: string, workshopId: string) {
  const page = await newPage(browser);
  await signIn(page, email, DEMO.password);
  await page.goto(`/ateliers/${workshopId}`);
  await page.getByRole("button", { name: /Réserver ma place|M'inscrire sur la liste d'attente/ }).click();
  await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/réservée|liste d'attente/);
  await page.context().close();
}

describe("check-in never refuses a present person (acceptance 1)", () => {
  it("a 2-seat workshop with 3 bookings: all three checked in (one over capacity, confirmed) and a walk-in; 4/2 in the log", { timeout: 180_000 }, async () => {
    const mediator = await tabletPage();
    await signIn(mediator, DEMO.mediator, DEMO.password);
    const title = `Complet ${Date.now().toString(36)}`;
    const id = await scheduleSoon(mediator, title, 2);
    for (const email of [DEMO.learner, DEMO.teacher, DEMO.coordinator]) await book(email, id);

    // A person who came without booking, with no e-mail address.
    const walkInName = `Raymonde${Date.now().toString(36).slice(-4)}`;
    await mediator.goto("/accompagnement/personnes/nouvelle");
    await mediator.getByLabel(/^Prénom/).fill(walkInName);
    await mediator.getByLabel(/^Tranche d'âge/).selectOption("soixante_dix_plus");
    await mediator.getByLabel(/^Public/).selectOption("seniors");
    for (const label of ["Les informations enregistrées", "À quoi elles servent", "Qui peut les voir", "Combien de temps", "Ses droits"]) {
      await mediator.getByLabel(label).check();
    }
    await mediator.getByLabel("La personne elle-même").check();
    await mediator.getByRole("button", { name: "Créer le compte" }).click();
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain(`Le compte de ${walkInName} est créé`);

    await mediator.goto(`/ateliers/${id}/emargement`);
    await mediator.getByText("Places occupées : 2/2").waitFor();
    await expectNoA11yViolations(mediator, "check-in, full");
    await expectOnScreen(mediator, [mediator.locator(".check-in-list li").last(), mediator.getByRole("button", { name: "Ajouter et marquer présent" })], "check-in at 1024×768");
    for (const name of ["Josette Martin", "Thomas Leroy"]) {
      const row = mediator.locator(".check-in-list li").filter({ hasText: name });
      await row.getByRole("button", { name: /^Présent/ }).click();
      await row.getByText("Présent", { exact: true }).waitFor();
    }
    // The third is on the waitlist and the room is full: the mediator is asked, then confirms.
    const waitlisted = mediator.locator(".check-in-list li").filter({ hasText: "Liste d'attente" });
    const waitlistedName = (await waitlisted.locator(".check-in-name").textContent())!.replace("Liste d'attente", "").trim();
    await waitlisted.getByRole("button", { name: /^Présent/ }).click();
    const question = mediator.getByRole("alert").filter({ hasText: "L'atelier est complet" });
    await question.getByText(`${waitlistedName} est là : noter sa présence quand même ? Cela fera une place en plus (3/2).`).waitFor();
    await expectNoA11yViolations(mediator, "check-in, over-capacity question");
    await question.getByRole("button", { name: `Oui, noter la présence de ${waitlistedName} en plus des places` }).click();
    await mediator.getByText("Places occupées : 3/2").waitFor();

    // The walk-in: found by name, added, confirmed over capacity.
    await mediator.getByRole("searchbox", { name: /^Chercher une personne/ }).fill(walkInName);
    await mediator.getByRole("button", { name: "Chercher", exact: true }).click();
    // Beside the name, what tells homonyms apart (issue 14): age band and account date.
    const walkInOption = mediator.locator("#walk-in-person option", { hasText: walkInName });
    expect(await walkInOption.textContent()).toMatch(new RegExp(`^${walkInName} — 70 ans et plus · compte du `));
    await mediator.locator("#walk-in-person").selectOption((await walkInOption.getAttribute("value")) ?? "");
    await mediator.getByRole("button", { name: "Ajouter et marquer présent" }).click();
    await mediator.getByRole("button", { name: `Oui, noter la présence de ${walkInName} en plus des places` }).click();
    await mediator.getByText("Places occupées : 4/2").waitFor();
    await expect.poll(() => mediator.locator(".check-in-list li.present").count()).toBe(4);
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("4 présents sur 4 inscrits");
    expect(await mediator.locator(".check-in-list .tag", { hasText: "En plus des places" }).count()).toBe(2);
    await expectNoA11yViolations(mediator, "check-in, 4/2");

    // The mediator's log: one collective entry with the four people.
    await mediator.goto("/accompagnement/journal");
    const row = mediator.getByRole("row").filter({ hasText: walkInName });
    await row.first().waitFor();
    const text = (await row.first().textContent())!;
    expect(text).toContain("Collectif");
    expect(text).toMatch(/\D4 \(/);
    for (const name of ["Josette Martin", walkInName]) expect(text).toContain(name);
    await mediator.context().close();
  });
});

/** Counts what the person does: clicks and key presses on controls (typing free text excluded). */
function counter(page: Page) {
  let n = 0;
  return {
    click: async (l: ReturnType<Page["locator"]>) => {
      n++;
      await l.click();
    },
    press: async (key: string) => {
      n++;
      await page.keyboard.press(key);
    },
    select: async (l: ReturnType<Page["locator"]>, label: string) => {
      n++; // choosing in a list: one interaction (a tap opens, a tap chooses on a tablet: counted as one by the browser's own picker)
      await l.selectOption({ label });
    },
    get count() {
      return n;
    },
  };
}

describe("an activity-log entry in 30 seconds (acceptance 2)", () => {
  it("a typical individual entry in at most 6 interactions, without scrolling at 1024×768; « comme la dernière fois »; her own CSV", async () => {
    const page = await tabletPage();
    await signIn(page, DEMO.mediator, DEMO.password);
    await page.goto("/accompagnement/journal/nouveau");
    await expectNoA11yViolations(page, "activity form at 1024×768");
    const started = Date.now();
    const act = counter(page);
    const save = page.getByRole("button", { name: "Enregistrer l'accompagnement" });
    const theme = page.getByRole("checkbox", { name: "Santé" });
    // Her usual themes are in view; « Santé » may be one of them or one keypress away in the full list.
    if (!(await theme.isVisible())) await act.click(page.getByText(/^(Autres thématiques|Toutes les thématiques)$/));
    await expectOnScreen(page, [theme, page.getByRole("radio", { name: "Autonome", exact: true }), save], "activity form");
    await act.click(theme);
    await act.click(page.getByRole("radio", { name: "Autonome", exact: true }));
    await page.getByLabel("Notes").count(); // folded: not needed for the common case
    await act.click(save);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("L'accompagnement est enregistré");
    expect(act.count).toBeLessThanOrEqual(6);
    const seconds = (Date.now() - started) / 1000;
    console.log(`activity entry: ${act.count} interactions, ${seconds.toFixed(1)} s of automated time`);
    await page.screenshot({ path: "/tmp/sd-shots/activity-log.png" });

    // « Comme la dernière fois »: the same entry again in two interactions.
    await page.goto("/accompagnement/journal/nouveau");
    const again = counter(page);
    await again.click(page.getByRole("link", { name: "Comme la dernière fois" }));
    await page.getByText("Prérempli comme la dernière fois.").waitFor();
    expect(await page.getByRole("checkbox", { name: "Santé" }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Autonome", exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Individuel" }).isChecked()).toBe(true);
    await expectNoA11yViolations(page, "activity form like last time");
    await expectOnScreen(page, [page.getByRole("button", { name: "Enregistrer l'accompagnement" })], "like last time");
    await page.screenshot({ path: "/tmp/sd-shots/activity-like-last.png" });
    await again.click(page.getByRole("button", { name: "Enregistrer l'accompagnement" }));
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("L'accompagnement est enregistré");
    expect(again.count).toBe(2);

    // She downloads her own log: only her entries.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter en CSV" }).click()]);
    const rows = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
    expect(rows.filter((r) => r.includes("sante")).length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.split(";")[1])).size).toBe(1);
    await page.context().close();
  });

  it("the same entry with the keyboard alone", async () => {
    const page = await tabletPage();
    await signIn(page, DEMO.mediator, DEMO.password);
    await page.goto("/accompagnement/journal/nouveau");
    // Santé is now one of her usual themes: in view, reached with Tab.
    const focused = () => page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return { tag: a?.tagName.toLowerCase() ?? "", value: a?.value ?? "", text: (a?.textContent ?? "").trim() };
    });
    let presses = 0;
    const tabTo = async (ok: (el: { tag: string; value: string; text: string }) => boolean) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press("Tab");
        presses++;
        if (ok(await focused())) return;
      }
      throw new Error("not reached with Tab");
    };
    await tabTo((el) => el.value === "sante");
    await page.keyboard.press("Space");
    await tabTo((el) => el.tag === "input" && el.value === "entierement_accompagne");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await tabTo((el) => el.tag === "button" && el.text === "Enregistrer l'accompagnement");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("L'accompagnement est enregistré");
    console.log(`keyboard only: ${presses} Tab presses, 4 key presses on controls`);
    await page.context().close();
  });
});
