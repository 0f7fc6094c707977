import type { Browser, Frame, Page, Request } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS } from "../../app/features/h5p/package.server";
import { FIXTURE_LIBRARIES, fixtureContent, fixtureLibrary, formatsPackage, zip } from "../fixtures/h5p/archives";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
import { expectFrameAccessible, h5pFrames, newLearner, statementsOf, verbCounts } from "./h5p-support";

/**
 * Issue 15 (H5P to the letter) in Chromium, with the project's own fixture
 * content types (tests/fixtures/h5p): a library that compiles templates with
 * `new Function`, a set that double-counts restored answers, an activity
 * that reports nothing, a package with a loose root file, a file of every
 * allowed type — installed, uploaded and placed in a lesson through the
 * pages, then played by learners.
 */
let browser: Browser;
let sql: postgres.Sql;
const ids: Record<"gabarit" | "serie" | "reperes" | "formats", string> = { gabarit: "", serie: "", reperes: "", formats: "" };
const lessons: Record<"gabarit" | "serie" | "reperes", string> = { gabarit: "", serie: "", reperes: "" };

const scored = (p: Frame) => p.getByRole("radio").first().waitFor();
const spots = (p: Frame) => p.getByRole("button", { name: "Les réglages" }).waitFor();

async function upload(page: Page, file: Buffer, name: string) {
  await page.goto("/activites");
  await page.getByLabel(/Fichier \.h5p/).setInputFiles({ name, mimeType: "application/zip", buffer: file });
  await page.getByRole("button", { name: "Envoyer l'activité" }).click();
  await page.getByText("L'activité est ajoutée.").waitFor();
  return /\/activites\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

async function addLesson(page: Page, courseId: string, title: string) {
  await page.goto(`/creer/cours/${courseId}`);
  await page.getByLabel("Nouvelle leçon dans « Entraînement »").fill(title);
  await page.getByRole("button", { name: "Ajouter la leçon" }).click();
  await page.getByRole("heading", { level: 1, name: `Leçon : ${title}` }).waitFor();
  const editor = page.locator(".ProseMirror");
  await editor.waitFor();
  return editor;
}

beforeAll(async () => {
  browser = await launchBrowser();
  sql = postgres(inject("appDatabaseUrl"), { max: 2, onnotice: () => {} });

  // A coordinator installs the fixture libraries (code) from one package.
  const admin = await newPage(browser);
  await signIn(admin, DEMO.coordinator, DEMO.password);
  await admin.goto("/admin/h5p");
  const libraries = zip([
    ...[...FIXTURE_LIBRARIES.gabarit, ...FIXTURE_LIBRARIES.serie, ...FIXTURE_LIBRARIES.reperes].flatMap(fixtureLibrary),
    ...fixtureContent("serie"),
  ]);
  await admin.getByLabel("Fichier .h5p contenant les bibliothèques").setInputFiles({ name: "bibliotheques.h5p", mimeType: "application/zip", buffer: libraries });
  await admin.getByRole("button", { name: "Installer" }).click();
  await admin.getByText("Installé :", { exact: false }).waitFor();
  // The formats library, with a file of every extension H5P core allows.
  await admin.getByLabel("Fichier .h5p contenant les bibliothèques").setInputFiles({
    name: "formats.h5p",
    mimeType: "application/zip",
    buffer: formatsPackage(CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS),
  });
  await admin.getByRole("button", { name: "Installer" }).click();
  await admin.getByText("Installé : H5P.PasserelleFormats-1.0.").waitFor();
  await admin.context().close();

  // A teacher uploads the activities (the template quiz with a loose file at its root)…
  const page = await newPage(browser);
  await signIn(page, DEMO.teacher, DEMO.password);
  ids.gabarit = await upload(page, zip([...fixtureContent("gabarit"), { name: "H5P_CONTENT_HERE.txt", data: "Put the content here" }]), "gabarit.h5p");
  ids.serie = await upload(page, zip(fixtureContent("serie")), "serie.h5p");
  ids.reperes = await upload(page, zip(fixtureContent("reperes")), "reperes.h5p");
  ids.formats = await upload(page, formatsPackage(CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS), "formats.h5p");

  // …and places them in the lessons of a new course, with the editor's button and by typing the short code.
  await page.goto("/creer/cours/nouveau");
  // Words no other browser test searches for (the catalogue is shared by all of them).
  await page.getByLabel("Titre du cours").fill(`Essais d'activités H5P ${Date.now().toString(36)}`);
  await page.getByLabel("Résumé").fill("Des activités pour s'entraîner.");
  await page.getByLabel("Ce que l'on va apprendre").fill("Répondre à des questions");
  await page.getByRole("checkbox", { name: "Seniors" }).check();
  await page.getByRole("checkbox", { name: "Culture numérique" }).check();
  await page.getByRole("button", { name: "Créer le cours" }).click();
  await page.getByText("Le cours est créé.").waitFor();
  const courseId = /\/creer\/cours\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.getByLabel("Titre du nouveau module").fill("Entraînement");
  await page.getByRole("button", { name: "Ajouter le module" }).click();

  // 1. The picker, with the keyboard only.
  let editor = await addLesson(page, courseId, "Le cadenas");
  await expectNoA11yViolations(page, "lesson editor");
  await page.getByRole("button", { name: "Activité interactive" }).focus();
  await page.keyboard.press("Enter");
  const picker = page.getByRole("group", { name: "Insérer une activité interactive" });
  await picker.getByLabel("Activité à insérer").waitFor();
  await expectNoA11yViolations(page, "lesson editor with the activity picker");
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
  await picker.getByLabel("Activité à insérer").selectOption({ label: "Vrai ou faux : le cadenas du navigateur (H5P.PasserelleGabaritQuiz 1.0)" });
  await picker.getByLabel("Activité à insérer").press("Enter");
  await editor.locator(`.editor-h5p[data-h5p-content="${ids.gabarit}"]`).waitFor();
  expect(await picker.count()).toBe(0);
  await page.getByRole("button", { name: "Enregistrer la leçon" }).click();
  await page.getByText("La leçon est enregistrée.").waitFor();

  // 2. The short code typed in the text becomes the block, with nothing of it left as text.
  editor = await addLesson(page, courseId, "La série");
  await editor.click();
  await page.keyboard.type("Répondez aux trois questions.");
  await page.keyboard.press("Enter");
  await page.keyboard.type(`[h5p:${ids.serie}]`);
  await editor.locator(`.editor-h5p[data-h5p-content="${ids.serie}"]`).waitFor();
  const text = await editor.evaluate((el) => [...el.querySelectorAll("p")].map((p) => p.textContent).join("|"));
  expect(text).not.toContain("[h5p:");
  expect(text).not.toContain("]");
  await page.getByRole("button", { name: "Enregistrer la leçon" }).click();
  await page.getByText("La leçon est enregistrée.").waitFor();

  // 3. The picker again, with the mouse.
  editor = await addLesson(page, courseId, "L'écran d'accueil");
  await editor.click();
  await page.getByRole("button", { name: "Activité interactive" }).click();
  await page.getByLabel("Activité à insérer").selectOption({ label: "Repères : l'écran d'accueil d'un téléphone (H5P.PasserelleReperes 1.0)" });
  await page.getByRole("button", { name: "Insérer l'activité" }).click();
  await editor.locator(`.editor-h5p[data-h5p-content="${ids.reperes}"]`).waitFor();
  await page.getByRole("button", { name: "Enregistrer la leçon" }).click();
  await page.getByText("La leçon est enregistrée.").waitFor();

  await page.goto(`/creer/cours/${courseId}`);
  await page.getByRole("button", { name: "Publier le cours" }).click();
  await page.getByText("Le cours est publié").waitFor();
  await page.context().close();

  const rows = await sql<{ id: string; title: string; slug: string }[]>`
    select lesson.id, lesson.title, course.slug from lesson join course on course.id = lesson.course_id where course.id = ${courseId}`;
  const path = (title: string) => {
    const row = rows.find((r) => r.title === title)!;
    return `/cours/${row.slug}/lecons/${row.id}`;
  };
  lessons.gabarit = path("Le cadenas");
  lessons.serie = path("La série");
  lessons.reperes = path("L'écran d'accueil");
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

const lessonIdOf = (lessonPath: string) => lessonPath.split("/").at(-1)!;
const progressOf = async (userId: string, lessonPath: string) =>
  (await sql<{ completed_at: Date | null; best_score: number | null }[]>`
    select completed_at, best_score from lesson_progress where user_id = ${userId} and lesson_id = ${lessonIdOf(lessonPath)}`)[0];

describe("a library that evaluates template strings", () => {
  it("plays in the sandboxed player frame, while the main site keeps a CSP without unsafe-eval", async () => {
    const page = await newPage(browser);
    const userId = await newLearner(page, sql);
    const requests: Request[] = [];
    page.on("request", (r) => requests.push(r));
    const response = await page.goto(lessons.gabarit);
    for (const csp of [response!.headers()["content-security-policy"]!, (await fetch(`${baseUrl()}/`)).headers.get("Content-Security-Policy")!]) {
      expect(csp).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'(;|$)/);
      expect(csp).not.toContain("unsafe-eval");
    }
    const { host, player } = await h5pFrames(page, scored);
    await expectNoA11yViolations(page, "lesson with the template quiz");
    await expectFrameAccessible(player);

    // Evaluating a string: refused on the lesson page and in the host frame, allowed in the player frame.
    // (A string timer runs in the page's own context: DevTools' evaluate would bypass the CSP.)
    const tryEval = () =>
      new Promise<string>((resolve) => {
        const w = window as unknown as { evalRan?: boolean };
        document.addEventListener("securitypolicyviolation", (e) => resolve(`blocked: ${e.blockedURI}`), { once: true });
        setTimeout("window.evalRan = true", 0);
        setTimeout(() => w.evalRan && resolve("ran"), 200);
      });
    expect(await page.evaluate(tryEval)).toBe("blocked: eval");
    expect(await host.evaluate(tryEval)).toBe("blocked: eval");
    expect(await player.evaluate(tryEval)).toBe("ran");

    // What a script evaluated there can reach: no cookie, none of our storage, not the page around it, not our endpoints.
    const queueKey = `passerelle:xapi:${userId}`;
    await expect.poll(() => host.evaluate((key) => localStorage.getItem(key), queueKey)).not.toBeNull();
    const reach = await player.evaluate(async ({ site, key }) => {
      const attempt = async (f: () => unknown) => {
        try {
          return String(await f());
        } catch (error) {
          return (error as Error).name;
        }
      };
      return {
        origin: window.origin,
        cookie: await attempt(() => document.cookie),
        storage: await attempt(() => localStorage.getItem(key)),
        parent: await attempt(() => window.parent.document.title),
        top: await attempt(() => window.top!.location.href),
        relay: await attempt(() => fetch(`${site}/h5p/releve`, { method: "POST", credentials: "include", body: "{}" })),
        account: await attempt(() => fetch(`${site}/compte`, { credentials: "include" })),
      };
    }, { site: baseUrl(), key: queueKey });
    expect(reach).toEqual({ origin: "null", cookie: "SecurityError", storage: "null", parent: "SecurityError", top: "SecurityError", relay: "TypeError", account: "TypeError" });

    await player.getByLabel("Faux", { exact: true }).check();
    await player.getByRole("button", { name: "Vérifier" }).click();
    await player.getByText("Bonne réponse ! Le cadenas dit seulement que la connexion est chiffrée. 1 / 1").waitFor();
    await host.getByText("Vos réponses sont enregistrées.").waitFor();
    await expect.poll(async () => verbCounts(await statementsOf(sql, userId)), { timeout: 15_000 }).toMatchObject({ answered: 1, completed: 1 });
    await expect.poll(async () => (await progressOf(userId, lessons.gabarit))?.best_score).toBe(1);

    // Every request the player frame made (its scripts, styles, content files) went without the session cookie.
    const inPlayer = (r: Request) => {
      try {
        return r.frame().url().includes("/h5p/jeu/");
      } catch {
        return false;
      }
    };
    const fromPlayer = requests.filter((r) => !r.isNavigationRequest() && inPlayer(r));
    expect(fromPlayer.length).toBeGreaterThan(5);
    for (const r of fromPlayer) expect(await r.headerValue("cookie"), r.url()).toBeNull();
    expect(fromPlayer.some((r) => /\/h5p\/contenus\/[0-9a-f-]{36}\/jeton\/\d+-[\w-]+\/content\/content\.json$/.test(r.url()))).toBe(true);
    await page.context().close();
  });
});

describe("a set that counts a restored answer twice", () => {
  it("is stored with its score brought within bounds and marked, says saved, and completes the lesson", async () => {
    const page = await newPage(browser);
    const userId = await newLearner(page, sql);
    await page.goto(lessons.serie);
    let { player } = await h5pFrames(page, scored);
    const saved = page.waitForResponse((r) => r.url().includes(`/h5p/etat/${ids.serie}/state/0`) && r.request().method() === "POST", { timeout: 20_000 });
    await player.getByLabel("Non, jamais").check();
    await player.getByRole("button", { name: "Valider" }).click();
    expect((await saved).status()).toBe(200);

    await page.reload();
    ({ player } = await h5pFrames(page, scored));
    const host = (await (await page.waitForSelector("iframe[data-h5p-content]")).contentFrame())!;
    await player.getByLabel("Une arnaque probable").check();
    await player.getByRole("button", { name: "Valider" }).click();
    await player.getByLabel("Raccrochez et appelez votre banque").check();
    await player.getByRole("button", { name: "Valider" }).click();
    // The content type's own defect, on screen.
    await player.getByText("Série terminée. Score : 4 / 3").waitFor();
    await host.getByText("Vos réponses sont enregistrées.").waitFor();

    const completed = (await statementsOf(sql, userId)).filter((r) => r.verb.endsWith("/completed"));
    expect(completed).toHaveLength(1);
    expect(completed[0]!.result).toMatchObject({
      score: { min: 0, max: 3, raw: 3, scaled: 1 },
      extensions: { [`${baseUrl()}/xapi/extensions/score-adjusted`]: { min: 0, max: 3, raw: 4, scaled: 1.3333 } },
    });
    const progress = await progressOf(userId, lessons.serie);
    expect(progress?.completed_at).toBeTruthy();
    expect(progress?.best_score).toBe(1);
    await page.reload();
    await page.getByText("Vous avez terminé cette leçon. Votre score aux activités : 100 %.").waitFor();
    await page.context().close();
  });

  it("never reports as saved a statement the server refuses", async () => {
    const page = await newPage(browser);
    const userId = await newLearner(page, sql);
    await page.goto(lessons.serie);
    const { host, player } = await h5pFrames(page, scored);
    await host.getByText("Vos réponses sont enregistrées.").waitFor();
    // Library code in the player posts a statement about another activity: the relay refuses it.
    await player.evaluate(() => {
      window.parent.postMessage(
        { type: "statement", statement: { verb: { id: "http://adlnet.gov/expapi/verbs/completed" }, object: { id: "https://ailleurs.example/activite" }, result: { completion: true } } },
        "*",
      );
    });
    await host.getByText("Attention : 1 réponse n'a pas pu être enregistrée, le serveur l'a refusée.", { exact: false }).waitFor();
    expect(await host.getByText("Vos réponses sont enregistrées.").count()).toBe(0);
    await expectFrameAccessible(host);
    expect(verbCounts(await statementsOf(sql, userId))).toEqual({ attempted: 1 });
    await page.context().close();
  });
});

describe("an activity that never reports", () => {
  it("offers « J'ai terminé cette activité », which records the completion and finishes the lesson", async () => {
    const page = await newPage(browser);
    const userId = await newLearner(page, sql);
    await page.goto(lessons.reperes);
    const { host, player } = await h5pFrames(page, spots);
    await player.getByRole("button", { name: "Les réglages" }).click();
    await player.getByText("La roue dentée ouvre les réglages du téléphone.").waitFor();
    const button = host.getByRole("button", { name: "J'ai terminé cette activité" });
    await button.waitFor();
    await expectFrameAccessible(host);
    await button.click();
    await host.getByText("Vous avez terminé cette activité.").waitFor();
    await host.getByText("C'est noté : l'activité est terminée.").waitFor();
    const rows = await statementsOf(sql, userId);
    expect(verbCounts(rows)).toEqual({ completed: 1 });
    expect(rows[0]!.result).toEqual({ completion: true, extensions: { [`${baseUrl()}/xapi/extensions/declared-by-learner`]: true } });
    await page.reload();
    await page.getByText("Vous avez terminé cette leçon.", { exact: true }).waitFor();
    const again = await h5pFrames(page, spots);
    await again.host.getByText("Vous avez terminé cette activité.").waitFor();
    expect(await again.host.getByRole("button", { name: "J'ai terminé cette activité" }).isHidden()).toBe(true);
    expect((await progressOf(userId, lessons.reperes))?.best_score).toBeNull();
    await page.context().close();
  });
});

describe("files of every type H5P core allows", () => {
  it("are listed by the player with signed addresses that serve each one safely, downloads for the types a browser must not show", async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.learner, DEMO.password);
    await page.goto(`/activites/${ids.formats}`);
    const { player } = await h5pFrames(page, (p) => p.locator(".pf-files a").first().waitFor());
    const links = await player.locator(".pf-files a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(CONTENT_EXTENSIONS.size - 1);
    const downloads = new Set(["tif", "tiff", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "swf", "gltf", "glb"]);
    for (const href of links) {
      expect(href).toMatch(new RegExp(`^${baseUrl()}/h5p/contenus/${ids.formats}/jeton/\\d+-[\\w-]+/content/files/sample\\.\\w+$`));
      const ext = href.split(".").pop()!;
      // No cookie here: the address alone opens the file.
      const res = await fetch(href);
      expect(res.status, ext).toBe(200);
      expect(res.headers.get("x-content-type-options"), ext).toBe("nosniff");
      expect(res.headers.get("content-security-policy"), ext).toMatch(/sandbox$/);
      expect(res.headers.get("content-disposition") !== null, ext).toBe(downloads.has(ext));
    }
    const library = await fetch(`${baseUrl()}/h5p/bibliotheques/H5P.PasserelleFormats-1.0/files/sample.patch`);
    expect([library.status, library.headers.get("content-type")]).toEqual([200, "text/plain; charset=utf-8"]);
    await page.context().close();
  });
});

describe("the learner's display modes", () => {
  it("reach inside both frames: larger text and high contrast in the activity", async () => {
    const page = await newPage(browser);
    await newLearner(page, sql);
    await page.goto(lessons.reperes);
    await page.getByRole("button", { name: "Texte plus grand" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("large-text"));
    await page.getByRole("button", { name: "Contraste renforcé" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("high-contrast"));
    const { host, player } = await h5pFrames(page, spots);
    for (const frame of [host, player]) {
      const look = await frame.evaluate(() => {
        const html = document.documentElement;
        return { classes: [...html.classList].sort(), fontSize: getComputedStyle(html).fontSize, color: getComputedStyle(document.body).color };
      });
      expect(look, frame.url()).toEqual({ classes: ["high-contrast", "large-text"], fontSize: "21px", color: "rgb(0, 0, 0)" });
    }
    const spot = await player.getByRole("button", { name: "Les réglages" }).evaluate((b) => ({ color: getComputedStyle(b).color, border: getComputedStyle(b).borderTopColor, size: getComputedStyle(b).fontSize }));
    expect(spot.color).toBe("rgb(0, 0, 0)");
    expect(spot.border).toBe("rgb(0, 0, 0)");
    expect(parseFloat(spot.size)).toBeGreaterThan(20);
    await expectFrameAccessible(host);
    await expectFrameAccessible(player);
    await page.context().close();
  });
});
