import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { checkIcal } from "../helpers/ical-check";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses Tab until the focused element matches, as a keyboard-only user would. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; value: string; label: string }) => boolean, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? "",
        text: (a?.textContent ?? "").replace(/\s+/g, " ").trim(),
        value: a?.value ?? "",
        label: (a?.closest("label")?.textContent ?? a?.labels?.[0]?.textContent ?? "").replace(/\s+/g, " ").trim(),
      };
    });
    if (matches(el)) return;
  }
  throw new Error("element not reached with Tab");
}

/** A start time a couple of hours ahead, in Paris, that does not cross midnight. */
function soonInParis() {
  let start = DateTime.now().setZone("Europe/Paris").plus({ hours: 2 }).startOf("hour");
  if (start.hour >= 22) start = start.plus({ days: 1 }).set({ hour: 8 });
  return { date: start.toISODate()!, start: start.toFormat("HH:mm"), end: start.plus({ hours: 1 }).toFormat("HH:mm") };
}

async function scheduleWorkshop(page: Page, title: string, seats = 6) {
  const when = soonInParis();
  await page.goto("/ateliers/nouveau");
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("E-mail", { exact: true }).check();
  await page.getByLabel("Débutant").check();
  await page.getByLabel(/^Lieu/).selectOption({ label: "Espace numérique de la médiathèque de Pont-Sainte-Maxence (Pont-Sainte-Maxence)" });
  await page.getByLabel(/^Date/).fill(when.date);
  await page.getByLabel(/^Début/).fill(when.start);
  await page.getByLabel(/^Fin/).fill(when.end);
  await page.getByLabel(/^Nombre de places/).fill(String(seats));
  await page.getByRole("button", { name: "Programmer l'atelier" }).click();
  // A time soon may fall outside the médiathèque's hours: the form asks, the test confirms.
  const confirm = page.getByLabel(/Je confirme : programmer l'atelier en dehors des horaires/);
  const scheduled = () => /\/ateliers\/[0-9a-f-]{36}$/.test(page.url());
  await expect.poll(async () => scheduled() || (await confirm.count()) > 0).toBe(true);
  if (!scheduled()) {
    await confirm.check();
    await page.getByRole("button", { name: "Programmer l'atelier" }).click();
  }
  await expect.poll(() => page.url()).toMatch(/\/ateliers\/[0-9a-f-]{36}$/);
  return page.url().split("/ateliers/")[1]!;
}

describe("workshops in the browser", () => {
  it("a learner books, the mediator checks them in with the keyboard, and both records show it (acceptance 3)", async () => {
    const mediator = await newPage(browser);
    await signIn(mediator, DEMO.mediator, DEMO.password);
    await mediator.goto("/ateliers/nouveau");
    await expectNoA11yViolations(mediator, "workshop form");
    const title = `Messagerie pas à pas ${Date.now().toString(36)}`;
    const id = await scheduleWorkshop(mediator, title);

    // The learner finds it in the listing and books a seat.
    const learner = await newPage(browser);
    await signIn(learner, DEMO.learner, DEMO.password);
    await learner.goto("/ateliers");
    await expectNoA11yViolations(learner, "workshop listing");
    await learner.getByRole("link", { name: title }).click();
    await learner.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectNoA11yViolations(learner, "workshop page");
    await learner.getByRole("button", { name: "Réserver ma place" }).click();
    await expect.poll(() => learner.getByRole("status").first().textContent()).toContain("votre place est réservée");
    await expectNoA11yViolations(learner, "workshop page after booking");
    // The learner cannot see who else is booked.
    const forbidden = await learner.goto(`/ateliers/${id}/inscriptions`);
    expect(forbidden?.status()).toBe(403);

    // The mediator sees the booking, then ticks presence on the check-in page with the keyboard alone.
    await mediator.goto(`/ateliers/${id}/inscriptions`);
    await mediator.getByRole("cell", { name: "Josette Martin", exact: true }).waitFor();
    await expectNoA11yViolations(mediator, "booking list");
    await mediator.goto(`/ateliers/${id}/emargement`);
    await expectNoA11yViolations(mediator, "check-in");
    await tabTo(mediator, (el) => el.tag === "button" && el.text.includes("Josette Martin"));
    await mediator.keyboard.press("Enter");
    await expect.poll(() => mediator.locator(".check-in-list li.present").count()).toBe(1);
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("1 présent");
    await expectNoA11yViolations(mediator, "check-in after ticking");
    await mediator.goto(`/ateliers/${id}/feuille`);
    await mediator.getByRole("cell", { name: "Josette Martin", exact: true }).waitFor();
    await expectNoA11yViolations(mediator, "sign-in sheet");

    // The learner's record shows the workshop attended.
    await learner.goto("/compte/activites");
    const attended = learner.getByRole("table", { name: "Ateliers suivis" });
    await attended.getByRole("link", { name: title }).waitFor();
    await expectNoA11yViolations(learner, "learner record");

    // The mediator's log shows the collective entry, pre-filled for review.
    await mediator.goto("/accompagnement/journal");
    const row = mediator.getByRole("row").filter({ hasText: "Josette Martin" });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain("Collectif");
    expect(await row.first().textContent()).toContain("E-mail");
    await expectNoA11yViolations(mediator, "activity log");
    await row.first().getByRole("link", { name: /À vérifier/ }).click();
    await mediator.getByText("préremplie par l'émargement").waitFor();
    await expectNoA11yViolations(mediator, "pre-filled activity entry");
    await mediator.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect.poll(() => mediator.getByRole("status").first().textContent()).toContain("L'accompagnement est enregistré");

    await learner.context().close();
    await mediator.context().close();
  });

  it("fills the waitlist, then a cancellation promotes the first person waiting", async () => {
    const mediator = await newPage(browser);
    await signIn(mediator, DEMO.mediator, DEMO.password);
    const id = await scheduleWorkshop(mediator, `Une seule place ${Date.now().toString(36)}`, 1);
    const learner = await newPage(browser);
    await signIn(learner, DEMO.learner, DEMO.password);
    await learner.goto(`/ateliers/${id}`);
    await learner.getByRole("button", { name: "Réserver ma place" }).click();
    await expect.poll(() => learner.getByRole("status").first().textContent()).toContain("votre place est réservée");

    const teacher = await newPage(browser);
    await signIn(teacher, DEMO.teacher, DEMO.password);
    await teacher.goto(`/ateliers/${id}`);
    await teacher.getByRole("button", { name: "M'inscrire sur la liste d'attente" }).click();
    await expect.poll(() => teacher.getByRole("status").first().textContent()).toContain("liste d'attente");
    await teacher.getByText("position 1").waitFor();

    await learner.getByRole("button", { name: "Annuler mon inscription" }).click();
    await expect.poll(() => learner.getByRole("status").first().textContent()).toContain("Votre inscription est annulée");
    await teacher.reload();
    await teacher.getByText("Vous avez une place pour cet atelier.").waitFor();
    for (const p of [learner, teacher, mediator]) await p.context().close();
  });

  it("cancels a workshop only once the mediator ticks the confirmation", async () => {
    const mediator = await newPage(browser);
    await signIn(mediator, DEMO.mediator, DEMO.password);
    const id = await scheduleWorkshop(mediator, `Atelier à annuler ${Date.now().toString(36)}`);
    await mediator.goto(`/ateliers/${id}/modifier`);
    await mediator.getByRole("button", { name: "Annuler l'atelier" }).click();
    await expect.poll(() => mediator.getByRole("alert").first().textContent()).toContain("Cochez la case pour confirmer l'annulation de l'atelier.");
    await expectNoA11yViolations(mediator, "workshop cancellation not confirmed");
    await mediator.goto(`/ateliers/${id}`);
    expect(await mediator.getByText("Cet atelier est annulé").count()).toBe(0);
    await mediator.goto(`/ateliers/${id}/modifier`);
    await mediator.getByLabel(/Je confirme l'annulation/).check();
    await mediator.getByRole("button", { name: "Annuler l'atelier" }).click();
    await expect.poll(() => mediator.url()).toMatch(new RegExp(`/ateliers/${id}$`));
    await mediator.getByText("Cet atelier est annulé.").waitFor();
    await mediator.context().close();
  });

  it("serves the workshop's .ics file", async () => {
    const page = await newPage(browser);
    await page.goto("/ateliers");
    const href = await page.locator(".workshop-cards a").first().getAttribute("href");
    const res = await page.request.get(`${href}.ics`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain("BEGIN:VEVENT");
    expect(body).toContain("TZID=Europe/Paris");
    // The served file, as python-icalendar and libical (iTIP restrictions) read it.
    expect(checkIcal(body).errors).toEqual([]);
    await page.context().close();
  });
});
