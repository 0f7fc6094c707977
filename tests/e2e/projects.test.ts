import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn, waitForMail } from "../helpers/browser";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";

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

const t0 = Date.now();
/** PROJECTS_E2E_TRACE=1 prints where a slow run spends its time. */
const step = (label: string) => process.env.PROJECTS_E2E_TRACE && console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${label}`);
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** What the first test builds and the next ones use. */
const state: {
  className: string;
  classUrl: string;
  code: string;
  projectUrl: string;
  teamUrl: string;
  otherTeamUrl: string;
  submissionUrl: string;
  teacher?: Page;
  lea?: Page;
  noe?: Page;
  leaEmail: string;
  noeEmail: string;
} = { className: "", classUrl: "", code: "", projectUrl: "", teamUrl: "", otherTeamUrl: "", submissionUrl: "", leaEmail: "", noeEmail: "" };

async function status(page: Page, url: string) {
  const response = await page.goto(url);
  return response?.status();
}

describe("school projects in the browser (acceptance 3 and 6)", () => {
  it("a teacher creates a class and a project; two pupils join with the code; the under-15 one is limited until consent", async () => {
    const teacher = await newPage(browser);
    state.teacher = teacher;
    await signIn(teacher, DEMO.teacher, DEMO.password);
    await teacher.getByRole("link", { name: "Classes et projets" }).click();
    await teacher.getByRole("heading", { level: 1, name: "Classes et projets" }).waitFor();
    await expectNoA11yViolations(teacher, "teacher's classes");
    await teacher.getByRole("link", { name: "Créer une classe" }).click();
    await expectNoA11yViolations(teacher, "new class form");
    state.className = `3e C ${unique()}`;
    await teacher.getByLabel("Nom de la classe").fill(state.className);
    await teacher.getByLabel("Établissement").fill("Collège Jules Verne");
    await teacher.getByLabel(/^Niveau/).selectOption("troisieme");
    await teacher.getByRole("button", { name: "Créer la classe" }).click();
    await teacher.getByRole("heading", { level: 1, name: state.className }).waitFor();
    state.classUrl = new URL(teacher.url()).pathname;
    state.code = (await teacher.getByTestId("join-code").textContent())!.trim();
    expect(state.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await teacher.getByRole("img", { name: `QR code pour rejoindre la classe ${state.className}` }).waitFor();
    // Nothing about pupils is indexed: meta tag and header.
    expect(await teacher.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
    const classResponse = await teacher.goto(state.classUrl);
    expect(classResponse?.headers()["x-robots-tag"]).toContain("noindex");
    await expectNoA11yViolations(teacher, "class page (teacher)");

    step("class created");
    // The project, its brief written in the editor.
    await teacher.getByRole("link", { name: "Créer un projet" }).click();
    await teacher.getByLabel("Titre du projet").fill("Enquête sur le compost");
    // The Markdown textarea is replaced by the editor once the page's script runs.
    const brief = teacher.locator('[contenteditable="true"][role="textbox"]');
    await brief.waitFor();
    expect(await brief.getAttribute("aria-labelledby")).toBe("brief-label");
    await brief.click();
    await teacher.keyboard.type("Enquêtez sur le compost de la cantine.");
    await teacher.getByLabel("2.3 Collaborer").check();
    await teacher.getByLabel("3.1 Développer des documents textuels").check();
    await teacher.getByLabel("Nom de l'étape").fill("Premier jet");
    await teacher.getByLabel("À rendre le").fill("2027-01-29");
    await expectNoA11yViolations(teacher, "new project form (editor loaded)");
    await teacher.getByRole("button", { name: "Créer le projet" }).click();
    await teacher.getByRole("heading", { level: 1, name: "Enquête sur le compost" }).waitFor();
    await teacher.getByText("Enquêtez sur le compost de la cantine.").waitFor();
    state.projectUrl = new URL(teacher.url()).pathname;
    for (const name of ["Alpha", "Bêta"]) {
      await teacher.getByLabel("Nom de la nouvelle équipe").fill(name);
      await teacher.getByRole("button", { name: "Créer l'équipe" }).click();
      await teacher.getByRole("link", { name, exact: true }).waitFor();
    }
    state.teamUrl = new URL(await teacher.getByRole("link", { name: "Alpha", exact: true }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    state.otherTeamUrl = new URL(await teacher.getByRole("link", { name: "Bêta", exact: true }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    await expectNoA11yViolations(teacher, "project page (teacher)");

    step("project and teams created");
    // Two pupils join with the code: Léa is 13, Noé is 16.
    state.leaEmail = (await createUser(database.db, { firstName: "Léa" })).email!;
    state.noeEmail = (await createUser(database.db, { firstName: "Noé" })).email!;
    for (const [email, birthDate] of [
      [state.leaEmail, "2013-05-04"],
      [state.noeEmail, "2010-02-01"],
    ] as const) {
      const pupil = await newPage(browser);
      await signIn(pupil, email, TEST_PASSWORD);
      await pupil.goto(`/classes-scolaires/rejoindre?code=${state.code}`);
      await expectNoA11yViolations(pupil, "join page");
      expect(await pupil.getByLabel("Code de la classe").inputValue()).toBe(state.code);
      await pupil.getByLabel("Date de naissance").fill(birthDate);
      await pupil.getByRole("button", { name: "Rejoindre la classe" }).click();
      await expect.poll(() => pupil.getByRole("status").first().textContent()).toContain("Bienvenue dans la classe");
      if (email === state.leaEmail) state.lea = pupil;
      else state.noe = pupil;
    }
    // Léa is in limited mode, Noé is not.
    await state.lea!.getByText("Ton compte est en mode limité").waitFor();
    await expectNoA11yViolations(state.lea!, "class page (pupil, limited mode)");
    expect(await state.noe!.getByText("Ton compte est en mode limité").count()).toBe(0);

    // The teacher puts both in team Alpha.
    await teacher.goto(state.projectUrl);
    // Both pupils placed at once: one choice each, one submit (issue 14).
    for (const name of ["Léa", "Noé"]) await teacher.getByLabel(`Équipe de ${name}`).selectOption({ label: "Alpha" });
    await teacher.getByRole("button", { name: "Enregistrer les équipes" }).click();
    for (const name of ["Léa", "Noé"]) {
      await teacher.locator("li.card").filter({ has: teacher.getByRole("heading", { name: "Alpha" }) }).getByText(name).waitFor();
    }
    // Noé sees his teammate only as "Élève 1" while Léa is limited.
    await state.noe!.goto(state.teamUrl);
    await state.noe!.getByText("Membres : Élève 1, Noé").waitFor();
    expect(await state.noe!.getByText("Léa").count()).toBe(0);

    step("pupils joined and placed");
    // Consent: printed form, emailed form, then recorded (who, when, how).
    await teacher.goto(state.classUrl);
    await teacher.getByRole("link", { name: /Autorisations parentales \(1 en attente\)/ }).click();
    await expectNoA11yViolations(teacher, "consent page");
    await teacher.getByRole("link", { name: "Imprimer le formulaire en attente" }).click();
    await teacher.getByText("J'autorise Léa à utiliser pleinement son compte Passerelle").waitFor();
    await expectNoA11yViolations(teacher, "consent form print view");
    await teacher.goBack();
    const parent = `parent-${unique()}@exemple.fr`;
    await teacher.getByLabel("Adresse e-mail d'un parent").fill(parent);
    await teacher.getByRole("button", { name: "Envoyer par e-mail" }).click();
    await teacher.getByText("Formulaire envoyé.").waitFor();
    expect(await waitForMail(parent)).toContain("pleinement son compte Passerelle");
    await teacher.getByLabel("Donnée par (nom du parent ou du responsable)").fill("Mme Martin");
    await teacher.getByLabel("Formulaire papier signé").check();
    await teacher.getByRole("button", { name: "Enregistrer l'autorisation" }).click();
    await teacher.getByText("Autorisation enregistrée : le compte de l'élève n'est plus limité.").waitFor();
    await teacher.getByText("Mme Martin").waitFor();

    // Limited mode is over for Léa; Noé now sees her first name.
    await state.lea!.reload();
    await state.lea!.getByRole("heading", { level: 1, name: state.className }).waitFor();
    expect(await state.lea!.getByText("Ton compte est en mode limité").count()).toBe(0);
    await state.noe!.reload();
    await state.noe!.getByText("Membres : Léa, Noé").waitFor();
  }, 180_000);

  it("the team writes (autosave), meets a conflict without losing text, and submits; the teacher gives feedback; the pupil reads it", async () => {
    const { lea, noe, teacher } = state;
    if (!lea || !noe || !teacher) throw new Error("the first test must run first");
    await lea.goto(state.teamUrl);
    await expectNoA11yViolations(lea, "team space");
    await lea.getByRole("link", { name: "Écrire dans le document" }).click();
    const editor = lea.locator('[contenteditable="true"]').and(lea.getByRole("textbox", { name: "Texte du document" }));
    await editor.waitFor();
    // The toolbar shared with the lesson editor, in words (not keys) on a projects page.
    expect(await lea.getByRole("toolbar", { name: "Mise en forme" }).getByRole("button").allTextContents()).toEqual([
      "Titre",
      "Sous-titre",
      "Gras",
      "Italique",
      "Liste à puces",
      "Liste numérotée",
      "Lien",
      "Annuler",
      "Rétablir",
    ]);
    await editor.click();
    await lea.keyboard.type("Le compost réduit les déchets de la cantine.");
    await expect.poll(() => lea.locator(".autosave-status").textContent(), { timeout: 10_000 }).toContain("Tout est enregistré (version 1)");
    await expectNoA11yViolations(lea, "team document (editor)");

    step("document autosaved");
    // Noé, without JavaScript, edits version 1 while Léa's autosave moves on to version 2.
    const noScript = await browser.newContext({ baseURL: inject("baseUrl"), locale: "fr-FR", javaScriptEnabled: false });
    const noeNoJs = await noScript.newPage();
    await signIn(noeNoJs, state.noeEmail, TEST_PASSWORD);
    await noeNoJs.goto(`${state.teamUrl}/document`);
    await noeNoJs.getByLabel("Texte du document").fill("Le compost réduit les déchets.\n\nNoé : il faut aussi parler du lombricompost.");
    await lea.keyboard.type(" Nous avons pesé 12 kg par semaine.");
    await expect.poll(() => lea.locator(".autosave-status").textContent(), { timeout: 10_000 }).toContain("Tout est enregistré (version 2)");
    await noeNoJs.getByRole("button", { name: "Enregistrer" }).click();
    // The merge screen: their version and mine, both there.
    await noeNoJs.getByRole("heading", { level: 1, name: "Quelqu'un a modifié le document en même temps que toi" }).waitFor();
    await noeNoJs.getByText("Léa a enregistré le document pendant que tu écrivais.").waitFor();
    await noeNoJs.getByRole("region", { name: /Leur version/ }).getByText("Nous avons pesé 12 kg par semaine.").waitFor();
    await noeNoJs.getByRole("region", { name: "Ta version" }).getByText("Noé : il faut aussi parler du lombricompost.").waitFor();
    // axe needs JavaScript: check the same merge screen in Noé's ordinary browser.
    const conflictUrl = new URL(noeNoJs.url()).pathname;
    await noe.goto(conflictUrl);
    await noe.getByRole("heading", { level: 1, name: "Quelqu'un a modifié le document en même temps que toi" }).waitFor();
    await expectNoA11yViolations(noe, "merge screen");
    // He merges both texts by hand.
    const merged = await noeNoJs.getByLabel("Texte réuni").inputValue();
    expect(merged).toContain("12 kg");
    expect(merged).toContain("lombricompost");
    await noeNoJs.getByRole("button", { name: "Enregistrer le texte réuni" }).click();
    await noeNoJs.getByText("Document enregistré (version 3).").waitFor();
    await noScript.close();
    await noe.goto(`${state.teamUrl}/document/versions`);
    await noe.getByRole("cell", { name: "Copie en conflit", exact: true }).waitFor();
    await expectNoA11yViolations(noe, "document history");

    step("conflict merged");
    // Léa adds a task and a file, then hands the work in.
    await lea.goto(state.teamUrl);
    await lea.getByText("12 kg").first().waitFor();
    await lea.getByLabel("Nouvelle tâche").fill("Interroger le cuisinier");
    await lea.getByLabel("Qui s'en occupe").last().selectOption({ label: "Léa" });
    await lea.getByRole("button", { name: "Ajouter la tâche" }).click();
    await lea.locator(".task-title", { hasText: "Interroger le cuisinier" }).waitFor();
    await lea.getByLabel("État").selectOption("doing");
    await lea.getByRole("button", { name: "Mettre à jour Interroger le cuisinier" }).click();
    await lea.getByRole("region", { name: /En cours/ }).locator(".task-title", { hasText: "Interroger le cuisinier" }).waitFor();
    await lea.getByLabel("Ajouter un fichier").setInputFiles({ name: "pesées.txt", mimeType: "text/plain", buffer: Buffer.from("lundi 2 kg\nmardi 3 kg\n") });
    await lea.getByRole("button", { name: "Envoyer le fichier" }).click();
    await lea.getByText("Fichier ajouté.").waitFor();
    // A file of a refused type is refused with a message, not a 500.
    await lea.getByLabel("Ajouter un fichier").setInputFiles({ name: "outil.exe", mimeType: "application/octet-stream", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]) });
    await lea.getByRole("button", { name: "Envoyer le fichier" }).click();
    await lea.getByText("Ce type de fichier n'est pas accepté.").first().waitFor();
    await expectNoA11yViolations(lea, "team space with tasks and files");
    await lea.getByLabel("pesées.txt").check();
    await lea.getByLabel("Message pour l'enseignant (facultatif)").fill("Voici notre premier jet.");
    await lea.getByRole("button", { name: "Rendre le travail" }).click();
    await lea.getByText("Travail rendu. Ton enseignant va le lire.").waitFor();
    state.submissionUrl = new URL(lea.url()).pathname;
    await expectNoA11yViolations(lea, "submission page (pupil)");

    step("work submitted");
    // The teacher returns it for changes, with levels.
    await teacher.goto(state.projectUrl);
    await teacher.getByRole("link", { name: /Alpha — Premier jet, version 1/ }).click();
    await teacher.getByText("Le compost réduit les déchets").first().waitFor();
    await expectNoA11yViolations(teacher, "submission page (teacher, review form)");
    await teacher.getByLabel("À reprendre : l'équipe fait un nouveau rendu").check();
    await teacher.getByLabel("Commentaire pour l'équipe").fill("Bon début. Ajoutez une source pour les 12 kg.");
    await teacher.getByLabel("Niveau de Léa en 2.3 Collaborer").selectOption({ label: "Niveau 3" });
    await teacher.getByLabel("Niveau de Noé en 2.3 Collaborer").selectOption({ label: "Niveau 4" });
    await teacher.getByRole("button", { name: "Envoyer le retour" }).click();
    await teacher.getByText("Votre retour est enregistré ; l'équipe le voit.").waitFor();
    await expectNoA11yViolations(teacher, "feedback (teacher)");

    step("feedback given");
    // Léa sees the feedback and her own level, not Noé's.
    await lea.goto(state.submissionUrl);
    await lea.getByRole("heading", { level: 3, name: /À reprendre/ }).waitFor();
    await lea.getByText("Bon début. Ajoutez une source pour les 12 kg.").waitFor();
    const levels = lea.getByRole("table", { name: "Mes niveaux" });
    await levels.getByRole("cell", { name: "Niveau 3" }).waitFor();
    expect(await levels.getByRole("cell", { name: "Niveau 4" }).count()).toBe(0);
    await expectNoA11yViolations(lea, "feedback (pupil)");
  }, 180_000);

  it("answers direct addresses outside one's team or class with 403/404, and exports without surnames", async () => {
    const { lea, teacher } = state;
    if (!lea || !teacher) throw new Error("the first tests must run first");
    expect(await status(lea, state.otherTeamUrl)).toBe(404);
    expect(await status(lea, `${state.otherTeamUrl}/document`)).toBe(404);
    expect(await status(lea, `${state.otherTeamUrl}/document/versions`)).toBe(404);
    expect(await status(lea, `${state.projectUrl}/export`)).toBe(403);
    expect(await status(lea, `${state.classUrl}/autorisations`)).toBe(403);
    await expectNoA11yViolations(lea, "403 page");
    // A pupil's POST to the other team's space is refused too.
    const post = await lea.request.post(`${state.otherTeamUrl}`, {
      form: { intent: "add-task", title: "intrus", assignee: "" },
      headers: { Origin: inject("baseUrl") },
      maxRedirects: 0,
    });
    expect(post.status(), `${post.url()} ${post.headers()["location"]} ${(await post.text()).slice(0, 300)}`).toBe(404);

    const other = await createUser(database.db, { role: "teacher", firstName: "Autre" });
    const otherPage = await newPage(browser);
    await signIn(otherPage, other.email!, TEST_PASSWORD);
    expect(await status(otherPage, state.classUrl)).toBe(404);
    expect(await status(otherPage, state.projectUrl)).toBe(404);
    expect(await status(otherPage, state.teamUrl)).toBe(404);
    expect(await status(otherPage, state.submissionUrl)).toBe(404);
    await expectNoA11yViolations(otherPage, "404 page");
    await otherPage.context().close();

    // The export: first names, no surnames, not indexed.
    await database.db.updateTable("app_user").set({ last_name: "Quennevat" }).where("email", "=", state.leaEmail).execute();
    const response = await teacher.goto(`${state.projectUrl}/export`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["x-robots-tag"]).toContain("noindex");
    const html = await response!.text();
    expect(html).toContain("Enquête sur le compost");
    expect(html).toContain("Léa");
    expect(html).not.toContain("Quennevat");
    await teacher.context().close();
    await lea.context().close();
    await state.noe?.context().close();
  }, 120_000);

  it("imports pupils from a list with a report per row, and an imported pupil signs in with the printed card", async () => {
    const teacher = await newPage(browser);
    await signIn(teacher, DEMO.teacher, DEMO.password);
    await teacher.goto(state.classUrl);
    await teacher.getByRole("link", { name: "Importer une liste d'élèves" }).click();
    await expectNoA11yViolations(teacher, "import page");
    await teacher.getByLabel("Ou collez la liste ici").fill("Prénom;Nom;Date de naissance\nSacha;Lemoine;02/02/2013\n;Sansprénom;01/01/2013\nJade;Roux;31/02/2013");
    await teacher.getByRole("button", { name: "Importer" }).click();
    await teacher.getByText("1 élève créé, 2 lignes en erreur.", { exact: false }).waitFor();
    await teacher.getByRole("cell", { name: "Erreur : prénom manquant" }).waitFor();
    await teacher.getByRole("cell", { name: /Erreur : date de naissance manquante ou incorrecte/ }).waitFor();
    await teacher.getByRole("cell", { name: /Créé \(élève n° 3\)/ }).waitFor();
    const code = (await teacher.locator(".access-card-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await teacher.getByRole("img", { name: "QR code de connexion de Sacha" }).waitFor();
    await expectNoA11yViolations(teacher, "import report with cards");
    await teacher.context().close();

    const sacha = await newPage(browser);
    await sacha.goto("/connexion/carte");
    await sacha.getByLabel(/Code de la carte/).fill(code);
    await sacha.locator("main").getByRole("button", { name: "Se connecter" }).click();
    // A pupil lands on their class (issue 14), then finds it again from "Mes projets scolaires".
    await expect.poll(() => new URL(sacha.url()).pathname).toBe(state.classUrl);
    await sacha.locator("header").getByRole("link", { name: "Mes projets scolaires" }).click();
    await sacha.getByRole("link", { name: state.className }).waitFor();
    // Sacha is 13 and has no consent yet: limited mode.
    await sacha.getByText("Ton compte est en mode limité").waitFor();
    await expectNoA11yViolations(sacha, "pupil's school space (card account)");
    await sacha.context().close();
  }, 120_000);
});
