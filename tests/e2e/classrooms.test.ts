import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { startApp } from "../helpers/e2e-server";
import { startTwirpStandIn, type TwirpStandIn } from "../helpers/livekit-twirp";
import { checkIcal } from "../helpers/ical-check";

// Chromium's fake camera and microphone (a test pattern and a beep), and no permission prompt.
const FAKE_MEDIA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];

let browser: Browser;
let sql: postgres.Sql;
beforeAll(async () => {
  browser = await launchBrowser(FAKE_MEDIA);
  sql = postgres(inject("appDatabaseUrl"), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

async function userId(email: string) {
  const [row] = await sql<{ id: string }[]>`select id from app_user where email = ${email}`;
  return row!.id;
}

/** A class written straight into the database (for windows the scheduling form refuses, like "started 5 minutes ago"). */
async function insertClass(title: string, startsAt: Date, minutes: number) {
  const id = crypto.randomUUID();
  const host = await userId(DEMO.mediator);
  await sql`
    insert into classroom (id, title, starts_at, ends_at, capacity, host_id, created_by, room_name)
    values (${id}, ${title}, ${startsAt}, ${new Date(startsAt.getTime() + minutes * 60_000)}, 10, ${host}, ${host}, ${`passerelle-classe-${id}`})`;
  await sql`insert into classroom_registration (classroom_id, user_id) values (${id}, ${await userId(DEMO.learner)})`;
  return id;
}

/** The header's language buttons (saved to the profile too); waits until the page speaks it. */
async function switchLanguage(page: Page, label: "English" | "Français") {
  await page.getByRole("button", { name: label }).click();
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(label === "English" ? "en" : "fr");
}

describe("virtual classes in the browser", () => {
  const title = `Visio pas à pas ${unique()}`;
  const start = DateTime.now().setZone("Europe/Paris").plus({ days: 3 }).set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
  let classUrl = "";

  it("a mediator schedules a class (form checked with axe, errors included)", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.mediator, DEMO.password);
    await page.goto("/classes");
    await page.getByRole("link", { name: "Programmer une classe" }).click();
    await page.getByRole("heading", { name: "Programmer une classe virtuelle" }).waitFor();
    await expectNoA11yViolations(page, "scheduling form");

    await page.getByLabel("Titre de la classe").fill("V");
    await page.getByLabel("Date et heure de début").fill("2020-01-01T10:00");
    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Programmer la classe" }).click();
    expect((await refused).status()).toBe(400);
    await page.getByText("Donnez un titre d'au moins 3 caractères.").first().waitFor();
    await expectNoA11yViolations(page, "scheduling form with errors");

    await page.getByLabel("Titre de la classe").fill(title);
    await page.getByLabel("Ce que l'on va faire").fill("Appeler ses proches en vidéo.");
    await page.getByLabel("Date et heure de début").fill(start.toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.getByLabel("Durée").selectOption("45");
    await page.getByLabel("Nombre de places").fill("6");
    await page.getByRole("button", { name: "Programmer la classe" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("La classe est programmée.");
    classUrl = new URL(page.url()).pathname;
    expect(classUrl).toMatch(/^\/classes\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Vous animez cette classe" }).waitFor();
    await page.getByText("Les classes en direct ne sont pas encore configurées sur ce site.").waitFor();
    await expectNoA11yViolations(page, "class page (host)");
    await page.context().close();
  });

  it("a learner registers, gets the class in their calendar (.ics read by ical.js) and sees the device check", async () => {
    expect(classUrl).not.toBe("");
    const page = await newPage(browser);
    await signIn(page, DEMO.learner, DEMO.password);
    await page.goto("/classes");
    await page.getByText("Les classes en direct ne sont pas encore configurées sur ce site.").waitFor();
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("button", { name: "M'inscrire à cette classe" }).waitFor();
    await expectNoA11yViolations(page, "registration page");
    await page.getByRole("button", { name: "M'inscrire à cette classe" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("vous êtes inscrit");
    await page.getByText("Vous êtes inscrit à cette classe.").waitFor();
    await expectNoA11yViolations(page, "registration page (registered)");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Ajouter à mon agenda (fichier .ics)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^classe-[0-9a-f-]{36}\.ics$/);
    const ics = readFileSync((await download.path())!, "utf8");
    expect(checkIcal(ics).errors).toEqual([]);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent("vtimezone")!));
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe(title);
    expect(event.startDate.toJSDate().toISOString()).toBe(start.toJSDate().toISOString());
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(45 * 60_000);
    expect(event.description).toContain(`${classUrl}/rejoindre`);

    await page.getByRole("link", { name: "Tester mon matériel et rejoindre" }).click();
    await page.getByRole("heading", { name: "Se préparer pour la classe" }).waitFor();
    await page.getByRole("heading", { name: "Vérifier votre caméra, votre micro et votre son" }).waitFor();
    await page.getByText("Les classes en direct ne sont pas encore configurées sur ce site.").waitFor();
    await expectNoA11yViolations(page, "pre-join page");

    // The page is hydrated: the buttons really test the (fake) devices.
    await page.getByRole("button", { name: "Tester ma caméra" }).click();
    await page.getByText("Votre caméra marche : vous devez vous voir ci-dessus.").waitFor();
    await expect.poll(() => page.locator("video.camera-preview").evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Tester mon micro" }).click();
    await page.getByRole("meter", { name: "Niveau de votre voix" }).waitFor();
    await page.getByRole("button", { name: "Jouer un son" }).click();
    await page.getByText("Avez-vous entendu la note ?").waitFor();
    await expectNoA11yViolations(page, "pre-join page after the checks");
    // Not configured: no way into a room, said plainly.
    expect(await page.getByRole("link", { name: "Rejoindre avec le son seulement" }).count()).toBe(0);

    await switchLanguage(page, "English");
    await page.getByText("Live classes are not configured on this site yet.").waitFor();
    await page.getByRole("heading", { name: "Check your camera, microphone and sound" }).waitFor();
    // The header's language switch navigates in place: the checks already done stay done.
    await page.getByRole("button", { name: "Test again" }).waitFor();
    await expectNoA11yViolations(page, "pre-join page in English");
    await switchLanguage(page, "Français");
    await page.context().close();
  });

  it("the host sees the attendance report and downloads the CSV", async () => {
    const started = new Date(Date.now() - 3 * 60 * 60_000);
    const id = await insertClass(`Classe passée ${unique()}`, started, 60);
    const learner = await userId(DEMO.learner);
    await sql`insert into classroom_presence (classroom_id, user_id, participant_sid, joined_at, left_at)
              values (${id}, ${learner}, 'PA_e2e', ${started}, ${new Date(started.getTime() + 50 * 60_000)})`;
    const page = await newPage(browser);
    await signIn(page, DEMO.mediator, DEMO.password);
    await page.goto(`/classes/${id}`);
    await page.getByRole("link", { name: "Présences" }).click();
    await page.getByRole("heading", { name: /^Présences : Classe passée/ }).waitFor();
    const row = page.getByRole("row", { name: /Josette Martin/ });
    await expect.poll(() => row.textContent()).toContain("50 minutes sur 60");
    await expect.poll(() => row.textContent()).toContain("Présent");
    await page.getByText("1 présent sur 1 inscrit.").waitFor();
    await expectNoA11yViolations(page, "attendance page");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Télécharger le tableau (CSV)" }).click();
    const csv = readFileSync((await (await downloading).path())!, "utf8");
    expect(csv).toContain('\r\nClasse passée'); // the title first, as text
    expect(csv).toContain(";Josette;Martin;50;60;83;oui\r\n");

    // The learner sees it counted among their past classes, and is refused the report.
    const learnerPage = await newPage(browser);
    await signIn(learnerPage, DEMO.learner, DEMO.password);
    await learnerPage.goto("/classes");
    await learnerPage.getByRole("heading", { name: "Mes classes passées" }).waitFor();
    await learnerPage.getByText("Présent : 50 minutes suivies").first().waitFor();
    const response = await learnerPage.goto(`/classes/${id}/presence`);
    expect(response?.status()).toBe(403);
    await learnerPage.context().close();
    await page.context().close();
  });
});

describe("with LiveKit configured (a second app pointed at the Twirp stand-in)", () => {
  const KEY = "APIe2e";
  const SECRET = "e2e-secret-that-is-long-enough-for-hs256-0123456789";
  let livekit: TwirpStandIn;
  let app: Awaited<ReturnType<typeof startApp>>;
  let dataDir: string;

  beforeAll(async () => {
    livekit = await startTwirpStandIn({ apiKey: KEY, apiSecret: SECRET });
    dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-classes-e2e-"));
    app = await startApp({
      DATABASE_URL: inject("appDatabaseUrl"),
      DATA_DIR: dataDir,
      OUTBOX_WORKER: "false",
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: KEY,
      LIVEKIT_API_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await livekit?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens the class, mints a token in the browser and says plainly when the media server cannot be reached", async () => {
    const id = await insertClass(`Classe en cours ${unique()}`, new Date(Date.now() - 5 * 60_000), 60);
    const context = await browser.newContext({ baseURL: app.baseUrl, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto("/connexion");
    await page.getByLabel("Adresse e-mail").fill(DEMO.learner);
    await page.getByLabel(/^Mot de passe/).fill(DEMO.password);
    await page.locator("main").getByRole("button", { name: "Se connecter" }).click();
    await page.waitForLoadState("domcontentloaded");

    await page.goto(`/classes/${id}/rejoindre`);
    await page.getByText("La classe est ouverte : vous pouvez entrer.").waitFor();
    expect(await page.getByText("Les classes en direct ne sont pas encore configurées").count()).toBe(0);
    await expectNoA11yViolations(page, "pre-join page (configured)");

    const token = page.waitForResponse((r) => r.url().endsWith(`/classes/${id}/jeton`));
    await page.getByRole("link", { name: "Rejoindre avec le son seulement" }).click();
    const tokenResponse = await token;
    expect(tokenResponse.status()).toBe(200);
    const ticket = await tokenResponse.json();
    expect(ticket).toMatchObject({ role: "learner", url: livekit.url });
    expect(await livekit.wouldAdmit(ticket.token)).toBe(true);
    // There is no media server behind the stand-in: the room page says so and offers to try again.
    await page.getByText("Impossible d'entrer dans la classe pour le moment.", { exact: false }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Revenir dans la classe" }).waitFor();
    await context.close();
  });
});
