import type { Browser, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoItems, zip } from "../fixtures/h5p/archives";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { expectFrameAccessible, h5pFrames, newLearner as newLearnerWith, statementsOf as statementsWith, verbCounts } from "./h5p-support";

let browser: Browser;
let sql: postgres.Sql;
let lessonPath: string;
let contentId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  sql = postgres(inject("appDatabaseUrl"), { max: 2, onnotice: () => {} });
  const [lesson] = await sql<{ id: string }[]>`
    select lesson.id from lesson join course on course.id = lesson.course_id
    where course.slug = 'se-proteger-des-arnaques-en-ligne' and lesson.source_key = 'proteger-ses-comptes'`;
  lessonPath = `/cours/se-proteger-des-arnaques-en-ligne/lecons/${lesson!.id}`;
  const [content] = await sql<{ id: string }[]>`select id from h5p_content where source_key = 'demo:mot-de-passe'`;
  contentId = content!.id;
});

afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

const newLearner = (page: Page) => newLearnerWith(page, sql);
const statementsOf = (userId: string) => statementsWith(sql, userId);

describe("H5P in a lesson", () => {
  it("a learner answers the lesson's activity: statements stored with the server's actor, lesson completed with the score", async () => {
    const page = await newPage(browser);
    const userId = await newLearner(page);
    await page.goto(lessonPath);
    const { host, player } = await h5pFrames(page);
    await expectNoA11yViolations(page, "lesson with an H5P activity");
    await expectFrameAccessible(host);
    await expectFrameAccessible(player);

    await player.getByLabel("Cheval-Pile-Agrafe-Correct").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    await player.getByText("Bonne réponse ! Score : 1 sur 1").waitFor();

    await expect.poll(async () => verbCounts(await statementsOf(userId)), { timeout: 15_000 }).toEqual({ attempted: 1, answered: 1, completed: 1 });
    for (const row of await statementsOf(userId)) {
      expect(row.actor).toEqual({ objectType: "Agent", account: { homePage: baseUrl(), name: userId } });
      expect(row.lesson_id).toBe(lessonPath.split("/").at(-1));
    }
    await host.getByText("Vos réponses sont enregistrées.").waitFor();
    // A content type that reports its result gets no manual completion.
    expect(await host.locator("#h5p-manual").isHidden()).toBe(true);

    await page.reload();
    await page.getByText("Vous avez terminé cette leçon. Votre score aux activités : 100 %.").waitFor();
    const [progress] = await sql<{ best_score: number; completed_at: Date }[]>`
      select best_score, completed_at from lesson_progress where user_id = ${userId} and lesson_id = ${lessonPath.split("/").at(-1)!}`;
    expect(progress).toMatchObject({ best_score: 1 });
    expect(progress!.completed_at).toBeTruthy();

    await page.goto("/mes-resultats");
    await page.getByRole("heading", { name: "Se protéger des arnaques en ligne" }).waitFor();
    await page.getByRole("cell", { name: "100 %" }).first().waitFor();
    await expectNoA11yViolations(page, "my results");
    await page.context().close();
  });

  it("keeps answers through a network cut and delivers every statement exactly once afterwards", async () => {
    const page = await newPage(browser);
    const userId = await newLearner(page);
    const sentIds = new Set<string>();
    let aborted = 0;
    page.on("request", (request) => {
      if (!request.url().endsWith("/h5p/releve")) return;
      const body = JSON.parse(request.postData() ?? "{}") as { statements?: { statement: { id: string } }[] };
      for (const item of body.statements ?? []) sentIds.add(item.statement.id);
    });
    // The relay is cut from the start: even "attempted" is queued.
    await page.route("**/h5p/releve", (route) => {
      aborted++;
      return route.abort("internetdisconnected");
    });
    await page.goto(lessonPath);
    const { host, player } = await h5pFrames(page);
    await player.getByLabel("123456").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    await player.getByText("Ce n'est pas la bonne réponse.", { exact: false }).waitFor();
    await player.getByRole("button", { name: "Réessayer" }).click();
    await player.getByLabel("Cheval-Pile-Agrafe-Correct").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    await host.getByText("Connexion perdue", { exact: false }).waitFor();
    // A few seconds of failures: the relay retries with backoff, nothing reaches the server.
    await expect.poll(() => aborted, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await statementsOf(userId)).toEqual([]);

    // The connection comes back, but the first answer is lost after the server stored the batch.
    await page.unroute("**/h5p/releve");
    let lostAnswer = false;
    await page.route("**/h5p/releve", async (route) => {
      if (!lostAnswer) {
        lostAnswer = true;
        await route.fetch();
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await expect.poll(async () => (await statementsOf(userId)).length, { timeout: 40_000 }).toBe(sentIds.size);
    await expect
      .poll(() => host.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "[]").length, `passerelle:xapi:${userId}`), { timeout: 40_000 })
      .toBe(0);
    const rows = await statementsOf(userId);
    expect(lostAnswer).toBe(true);
    expect(new Set(rows.map((r) => r.id))).toEqual(sentIds);
    expect(verbCounts(rows)).toEqual({ attempted: 1, answered: 2, completed: 2 });
    const [progress] = await sql<{ best_score: number }[]>`
      select best_score from lesson_progress where user_id = ${userId} and lesson_id = ${lessonPath.split("/").at(-1)!}`;
    expect(progress!.best_score).toBe(1);
    await page.context().close();
  });

  it("resumes a learner's unfinished answer from the saved state", async () => {
    const page = await newPage(browser);
    await newLearner(page);
    await page.goto(lessonPath);
    const { player } = await h5pFrames(page);
    const saved = page.waitForResponse((r) => r.url().includes("/h5p/etat/") && r.request().method() === "POST", { timeout: 20_000 });
    await player.getByLabel("Josette1950").check();
    expect((await saved).status()).toBe(200);
    await page.reload();
    const again = await h5pFrames(page);
    await expect.poll(() => again.player.getByLabel("Josette1950").isChecked()).toBe(true);
    await page.context().close();
  });

  it("serves the frame with its own CSP, content files sandboxed, and keeps the Origin check on the relay", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.learner, DEMO.password);
    const frame = await page.request.get(`/h5p/cadre/${contentId}`);
    const csp = frame.headers()["content-security-policy"]!;
    expect(csp).toContain(`script-src ${baseUrl()}/h5p/lecteur/;`);
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|\*)/);
    expect(csp).toContain("frame-ancestors 'self'");
    const player = (await page.request.get(`/h5p/jeu/${contentId}`)).headers()["content-security-policy"]!;
    expect(player).toContain(`script-src ${baseUrl()}/h5p/lecteur/ ${baseUrl()}/h5p/bibliotheques/ 'unsafe-eval'`);
    expect(player).toMatch(/; sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox$/);
    const file = await page.request.get(`/h5p/contenus/${contentId}/content/content.json`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-security-policy"]).toContain("sandbox");
    expect((await page.request.get(`/h5p/lecteur/README.md`)).status()).toBe(404);
    expect((await page.request.get(`/h5p/lecteur/h5p.d.ts`)).status()).toBe(404);
    expect((await page.request.get(`/h5p/lecteur/main.bundle.js`)).headers()["content-type"]).toMatch(/javascript/);
    const forged = await page.request.post("/h5p/releve", {
      headers: { Origin: "http://evil.example", "Content-Type": "application/json" },
      data: { statements: [] },
    });
    expect(forged.status()).toBe(403);
    await page.context().close();
    const visitor = await newPage(browser);
    expect((await visitor.request.get(`/h5p/contenus/${contentId}/content/content.json`)).status()).toBe(404);
    // A visitor reads the lesson; the activity asks them to sign in.
    await visitor.goto(lessonPath);
    const frameElement = await visitor.waitForSelector("iframe[data-h5p-content]");
    const signInFrame = (await frameElement.contentFrame())!;
    await signInFrame.getByText("Connectez-vous pour faire cette activité").waitFor();
    expect(await signInFrame.getByRole("link", { name: "Se connecter" }).getAttribute("href")).toBe(`/connexion?retour=${encodeURIComponent(lessonPath)}`);
    await expectFrameAccessible(signInFrame);
    await visitor.context().close();
  });
});

describe("authoring and results", () => {
  it("a teacher uploads activities: a crafted archive is refused with its message, a good one plays", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.teacher, DEMO.password);
    await page.goto("/activites");
    await expectNoA11yViolations(page, "activities");
    const evil = zip([...(await demoItems({ withLibrary: false })), { name: "content/images/evil.js", data: "alert(1)" }]);
    await page.getByLabel(/Fichier \.h5p/).setInputFiles({ name: "quiz.h5p", mimeType: "application/zip", buffer: evil });
    await page.getByRole("button", { name: "Envoyer l'activité" }).click();
    await page.getByRole("alert").getByText("Le dossier content/ contient un type de fichier interdit (content/images/evil.js)").waitFor();
    await expectNoA11yViolations(page, "activities with an upload error");

    // The demo quiz is already the teacher's: the same package is offered, not added again.
    const good = zip(await demoItems({ withLibrary: false }));
    await page.getByLabel(/Fichier \.h5p/).setInputFiles({ name: "quiz.h5p", mimeType: "application/zip", buffer: good });
    await page.getByLabel("Titre affiché (facultatif)").fill("Quiz de la classe");
    await page.getByRole("button", { name: "Envoyer l'activité" }).click();
    const warning = page.getByRole("alert");
    await warning.getByText("Vous avez déjà ajouté cette activité le", { exact: false }).waitFor();
    expect(await warning.getByRole("link", { name: "Ouvrir l'activité « Quiz : choisir un mot de passe solide »" }).getAttribute("href")).toBe(`/activites/${contentId}`);
    await expectNoA11yViolations(page, "activities with a duplicate warning");
    const [before] = await sql<{ n: string }[]>`select count(*) as n from h5p_content`;
    // A copy on purpose: the file again, and the box ticked.
    await page.getByLabel(/Fichier \.h5p/).setInputFiles({ name: "quiz.h5p", mimeType: "application/zip", buffer: good });
    await page.getByLabel("Titre affiché (facultatif)").fill("Quiz de la classe");
    await page.getByLabel("Ajouter quand même une copie de cette activité").check();
    await page.getByRole("button", { name: "Envoyer l'activité" }).click();
    await page.getByRole("heading", { level: 1, name: "Quiz de la classe" }).waitFor();
    const [after] = await sql<{ n: string }[]>`select count(*) as n from h5p_content`;
    expect(Number(after!.n)).toBe(Number(before!.n) + 1);
    await page.getByText("L'activité est ajoutée.").waitFor();
    const { player } = await h5pFrames(page);
    await player.getByLabel("Cheval-Pile-Agrafe-Correct").waitFor();
    await expectNoA11yViolations(page, "activity page");
    await page.context().close();
  });

  it("the teacher sees the results of the demo activity and exports them as CSV", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.teacher, DEMO.password);
    await page.goto(`/activites/${contentId}/resultats`);
    await page.getByRole("rowheader", { name: /Odette/ }).first().waitFor();
    await expectNoA11yViolations(page, "results");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Télécharger le tableau (CSV)" }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(text.split("\r\n")[0]).toBe("\uFEFFPrénom;Nom;Essais;Meilleur score (%);Dernier score (%);Réussi;Dernier essai");
    expect(text).toMatch(/\r\nOdette;;1;100;100;Oui;\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\r\n/);
    await page.context().close();

    const learner = await newPage(browser);
    await signIn(learner, DEMO.learner, DEMO.password);
    expect((await learner.goto(`/activites/${contentId}/resultats`))?.status()).toBe(403);
    await learner.context().close();
  });

  it("a coordinator issues LRS credentials that work, then revokes them; and sees the installed libraries", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.coordinator, DEMO.password);
    await page.goto("/admin/h5p");
    await page.getByRole("rowheader", { name: /H5P\.PasserelleQuestion/ }).waitFor();
    await expectNoA11yViolations(page, "H5P libraries");
    await page.goto("/admin/xapi");
    await expectNoA11yViolations(page, "LRS credentials");
    await page.getByLabel("Nom de l'outil").fill("Moodle du collège");
    await page.getByLabel("Lire toutes les déclarations").check();
    await page.getByRole("button", { name: "Créer les identifiants" }).click();
    const codes = page.getByRole("status").locator("code");
    await codes.first().waitFor();
    const [key, secret] = await codes.allTextContents();
    await expectNoA11yViolations(page, "LRS credentials issued");
    const auth = { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "X-Experience-API-Version": "1.0.3" };
    const ok = await fetch(`${baseUrl()}/xapi/statements?limit=1`, { headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("X-Experience-API-Version")).toBe("1.0.3");
    await page.getByRole("button", { name: "Révoquer les identifiants de « Moodle du collège »" }).click();
    await page.getByText("Les identifiants sont révoqués").waitFor();
    expect((await fetch(`${baseUrl()}/xapi/statements?limit=1`, { headers: auth })).status).toBe(401);
    await page.context().close();
  });
});
