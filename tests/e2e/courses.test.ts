import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn, signOut } from "../helpers/browser";
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

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function freshLearner(): Promise<User> {
  return createUser(database.db, { role: "learner", firstName: "Lucienne" });
}

async function statusOf(page: Page, url: string) {
  const response = await page.goto(url);
  return response?.status();
}

describe("courses in the browser", () => {
  it("a learner searches, completes two lessons, leaves, and resumes at the third one", async () => {
    const learner = await freshLearner();
    const page = await newPage(browser);
    await signIn(page, learner.email!, TEST_PASSWORD);

    await page.goto("/cours");
    await expectNoA11yViolations(page, "catalogue");
    await page.getByLabel("Rechercher un cours").fill("arnaque");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect.poll(() => page.url()).toContain("q=arnaque");
    // The course about scams first; then the courses whose lessons warn about
    // them (e-mail, the smartphone's app stores, online procedures).
    await expect.poll(() => page.getByRole("heading", { level: 2, name: /cours trouvé/ }).textContent()).toBe("4 cours trouvés");
    await expect.poll(() => page.locator("main h3").first().textContent()).toContain("Se protéger des arnaques en ligne");
    await expectNoA11yViolations(page, "catalogue with a search");
    await page.getByRole("link", { name: "Se protéger des arnaques en ligne" }).click();

    await page.getByRole("heading", { level: 1, name: "Se protéger des arnaques en ligne" }).waitFor();
    await expectNoA11yViolations(page, "course page");
    await page.getByRole("button", { name: "Commencer" }).click();

    await page.getByRole("heading", { level: 1, name: "Les arnaques les plus courantes" }).waitFor();
    await expectNoA11yViolations(page, "lesson page");
    // The learner pages ship no JavaScript at all.
    expect(await page.locator("script[src]").count()).toBe(0);
    await page.getByRole("button", { name: "J'ai terminé cette leçon" }).click();
    await page.getByRole("heading", { level: 1, name: "Reconnaître un faux message" }).waitFor();
    await expect.poll(() => page.locator("progress").getAttribute("value")).toBe("1");
    await page.getByRole("button", { name: "J'ai terminé cette leçon" }).click();
    await page.getByRole("heading", { level: 1, name: "Les arnaques par téléphone et par SMS" }).waitFor();

    await signOut(page);
    await page.context().clearCookies();
    await signIn(page, learner.email!, TEST_PASSWORD);
    await page.goto("/cours");
    await page.getByRole("region", { name: "Reprendre mes cours" }).getByRole("link", { name: "Se protéger des arnaques en ligne" }).click();
    await page.getByRole("heading", { level: 1, name: "Les arnaques par téléphone et par SMS" }).waitFor();
    const third = page.url();
    // The course page's "Reprendre" leads to the same lesson.
    await page.goto("/cours/se-proteger-des-arnaques-en-ligne");
    await page.getByRole("link", { name: "Reprendre" }).click();
    await expect.poll(() => page.url()).toBe(third);
    await page.getByRole("heading", { level: 1, name: "Les arnaques par téléphone et par SMS" }).waitFor();
    const progress = page.locator("progress");
    await expect.poll(() => progress.getAttribute("value")).toBe("2");
    expect(await progress.getAttribute("max")).toBe("6");
    expect(await page.getByText("Votre progression : 2 leçons terminées sur 6").count()).toBe(1);
    expect(await page.getByText("Leçon 3 sur 6").count()).toBe(1);
    await page.context().close();
  });

  it("a teacher writes and publishes a course with the editor; a learner finds it but cannot author", async () => {
    const title = `Premiers pas en visio ${unique()}`;
    const page = await newPage(browser);
    await signIn(page, DEMO.teacher, DEMO.password);
    await page.goto("/creer/cours");
    await expectNoA11yViolations(page, "authoring list");
    await page.getByRole("link", { name: "Créer un cours" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Créer un cours" }).waitFor();
    await expectNoA11yViolations(page, "new course form");

    // Bad input first: a translated error, nothing created.
    await page.getByRole("button", { name: "Créer le cours" }).click();
    await page.getByText("Indiquez un titre.").first().waitFor();
    await page.getByText("Choisissez au moins un public.").first().waitFor();
    await expectNoA11yViolations(page, "new course form with errors");

    await page.getByLabel("Titre du cours").fill(title);
    await page.getByLabel("Résumé").fill("Appeler ses proches en vidéo, simplement.");
    await page.getByLabel("Ce que l'on va apprendre").fill("Lancer un appel vidéo\nRégler le son");
    await page.getByRole("checkbox", { name: "Seniors" }).check();
    await page.getByRole("checkbox", { name: "Culture numérique" }).check();
    await page.getByRole("button", { name: "Créer le cours" }).click();
    await page.getByText("Le cours est créé.").waitFor();
    const courseId = /\/creer\/cours\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expectNoA11yViolations(page, "course editing page");

    await page.getByLabel("Titre du nouveau module").fill("Les bases");
    await page.getByRole("button", { name: "Ajouter le module" }).click();
    await page.getByRole("heading", { level: 3, name: "Module 1 : Les bases" }).waitFor();
    await expectNoA11yViolations(page, "course editing page with a module");
    await page.getByLabel("Nouvelle leçon dans « Les bases »").fill("Votre premier appel");
    await page.getByRole("button", { name: "Ajouter la leçon" }).click();

    // The lesson editor: the only hydrated page.
    await page.getByRole("heading", { level: 1, name: "Leçon : Votre premier appel" }).waitFor();
    const editor = page.locator(".ProseMirror");
    await editor.waitFor();
    await expectNoA11yViolations(page, "lesson editor");
    await editor.click();
    await page.getByRole("button", { name: "Titre", exact: true }).click();
    await page.keyboard.type("Avant de commencer");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Liste à puces" }).click();
    await page.keyboard.type("Un téléphone chargé");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Une connexion internet");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Plus d'aide : ");
    await page.getByRole("button", { name: "Lien" }).click();
    await page.getByLabel("Adresse du lien").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Appliquer le lien" }).click();
    await page.getByText("Cette adresse n'est pas acceptée.").first().waitFor();
    await page.getByLabel("Adresse du lien").fill("https://www.service-public.fr/");
    await page.getByRole("button", { name: "Appliquer le lien" }).click();
    await editor.locator('a[href="https://www.service-public.fr/"]').waitFor();

    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Prenez votre temps.");
    await page.getByRole("button", { name: "Encadré Conseil" }).click();
    await editor.locator(".callout-conseil").waitFor();
    await page.getByRole("button", { name: "Vidéo" }).click();
    await page.getByLabel("Adresse de la vidéo").fill("https://evil.example/embed/123");
    await page.getByRole("button", { name: "Insérer la vidéo" }).click();
    await page.getByText("Cette adresse n'est pas une vidéo YouTube, Vimeo ou PeerTube acceptée.").first().waitFor();
    await page.getByLabel("Adresse de la vidéo").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    await page.getByLabel("Titre de la vidéo").fill("Passer un appel vidéo");
    await page.getByRole("button", { name: "Insérer la vidéo" }).click();
    await editor.locator(".editor-video").waitFor();
    await page.getByRole("button", { name: "Image" }).click();
    await page.getByLabel("Fichier de l'image").setInputFiles({ name: "ecran.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Insérer l'image" }).click();
    await page.getByText("Le texte alternatif est obligatoire.").first().waitFor();
    await expectNoA11yViolations(page, "lesson editor with the image panel");
    await page.getByLabel("Texte alternatif", { exact: true }).fill("Un téléphone posé sur une table");
    await page.getByRole("button", { name: "Insérer l'image" }).click();
    await editor.locator('img[alt="Un téléphone posé sur une table"]').waitFor();
    await page.getByRole("button", { name: "Enregistrer la leçon" }).click();
    await page.getByText("La leçon est enregistrée.").waitFor();

    await page.goto(`/creer/cours/${courseId}`);
    // A cover needs its alternative text.
    await page.getByLabel("Fichier de l'image").setInputFiles({ name: "visio.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Enregistrer l'image" }).click();
    await page.getByText("Le texte alternatif est obligatoire.").first().waitFor();
    await expectNoA11yViolations(page, "cover form with an error");
    await page.getByLabel("Fichier de l'image").setInputFiles({ name: "visio.png", mimeType: "image/png", buffer: PNG });
    await page.getByLabel("Texte alternatif de l'image").fill("Une grand-mère parle à sa petite-fille en vidéo");
    await page.getByRole("button", { name: "Enregistrer l'image" }).click();
    await page.getByText("L'image de couverture est enregistrée.").waitFor();
    const lessonHref = await page.getByRole("link", { name: "Votre premier appel" }).getAttribute("href");
    const lessonId = lessonHref!.split("/").pop()!;
    await page.getByRole("button", { name: "Publier le cours" }).click();
    await page.getByText("Le cours est publié").waitFor();
    await page.context().close();

    // A learner finds it in the catalogue and reads the lesson as written.
    const learner = await newPage(browser);
    // No network here: the embedded player is not fetched.
    await learner.context().route("https://www.youtube-nocookie.com/**", (route) => route.abort());
    await signIn(learner, DEMO.learner, DEMO.password);
    await learner.goto(`/cours?q=${encodeURIComponent("visio")}`);
    await learner.locator('.course-card img[alt="Une grand-mère parle à sa petite-fille en vidéo"]').waitFor();
    await learner.getByRole("link", { name: title }).click();
    await learner.getByRole("button", { name: "Commencer" }).click();
    await learner.getByRole("heading", { level: 1, name: "Votre premier appel" }).waitFor();
    const body = learner.locator(".lesson-body");
    expect(await body.locator("h2").textContent()).toBe("Avant de commencer");
    expect(await body.locator("ul > li").allTextContents()).toEqual(["Un téléphone chargé", "Une connexion internet"]);
    expect(await body.locator('a[href="https://www.service-public.fr/"]').count()).toBe(1);
    expect(await body.locator(".callout-conseil").textContent()).toContain("Prenez votre temps.");
    const frame = body.locator('iframe[title="Passer un appel vidéo"]');
    expect(await frame.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0");
    const src = await body.locator('img[alt="Un téléphone posé sur une table"]').getAttribute("src");
    expect(src).toMatch(/^\/fichiers\/cours\/[0-9a-f-]{36}\.png$/);
    const image = await fetch(new URL(src!, inject("baseUrl")));
    expect([image.status, image.headers.get("content-type"), image.headers.get("x-content-type-options")]).toEqual([200, "image/png", "nosniff"]);
    expect(image.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect((await fetch(new URL("/fichiers/cours/..%2F..%2Fetc%2Fpasswd", inject("baseUrl")))).status).toBe(404);

    // …but every authoring page and URL answers 403 to a learner.
    for (const url of ["/creer/cours", "/creer/cours/nouveau", `/creer/cours/${courseId}`, `/creer/cours/${courseId}/lecons/${lessonId}`]) {
      expect(await statusOf(learner, url), url).toBe(403);
    }
    await expectNoA11yViolations(learner, "403 page");
    const upload = await learner.evaluate(async (url) => {
      const form = new FormData();
      form.set("image", new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" }), "x.png");
      return (await fetch(url, { method: "POST", body: form })).status;
    }, `/creer/cours/${courseId}/images`);
    expect(upload).toBe(403);
    await learner.context().close();
  });

  it("keeps another author's draft private (403 on its authoring URLs, 404 on its public URL)", async () => {
    const teacher = await database.db.selectFrom("app_user").selectAll().where("email", "=", DEMO.teacher).executeTakeFirstOrThrow();
    const slug = `brouillon-${unique()}`;
    const course = await database.db
      .insertInto("course")
      .values({ slug, title: "Brouillon privé", audiences: ["everyone"], created_by: teacher.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db.insertInto("course_author").values({ course_id: course.id, user_id: teacher.id }).execute();
    const mod = await database.db.insertInto("course_module").values({ course_id: course.id, position: 0, title: "M" }).returning("id").executeTakeFirstOrThrow();
    const lesson = await database.db
      .insertInto("lesson")
      .values({ course_id: course.id, module_id: mod.id, position: 0, title: "Secrète" })
      .returning("id")
      .executeTakeFirstOrThrow();

    for (const email of [DEMO.learner, DEMO.mediator]) {
      const page = await newPage(browser);
      await signIn(page, email, DEMO.password);
      expect(await statusOf(page, `/creer/cours/${course.id}`), email).toBe(403);
      expect(await statusOf(page, `/creer/cours/${course.id}/lecons/${lesson.id}`), email).toBe(403);
      expect(await statusOf(page, `/cours/${slug}`), email).toBe(404);
      expect(await statusOf(page, `/cours/${slug}/lecons/${lesson.id}`), email).toBe(404);
      // A forged post is refused the same way.
      const post = await page.evaluate(async (url) => {
        const body = new URLSearchParams({ intent: "publish" });
        return (await fetch(url, { method: "POST", body })).status;
      }, `/creer/cours/${course.id}`);
      expect(post, email).toBe(403);
      await page.context().close();
    }
    const status = await database.db.selectFrom("course").select("status").where("id", "=", course.id).executeTakeFirstOrThrow();
    expect(status.status).toBe("draft");

    const author = await newPage(browser);
    await signIn(author, DEMO.teacher, DEMO.password);
    expect(await statusOf(author, `/cours/${slug}`)).toBe(200);
    await author.getByText("Brouillon : ce cours n'est visible que par ses auteurs").waitFor();
    await author.context().close();
  });

  it("renders a hostile lesson body inert, under a strict CSP", async () => {
    const slug = `piege-${unique()}`;
    const course = await database.db
      .insertInto("course")
      .values({ slug, title: "Cours piégé", audiences: ["everyone"], status: "published", published_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mod = await database.db.insertInto("course_module").values({ course_id: course.id, position: 0, title: "M" }).returning("id").executeTakeFirstOrThrow();
    const hostile = {
      type: "doc",
      content: [
        { type: "script", content: [{ type: "text", text: "window.__pwned = 1" }] },
        { type: "paragraph", attrs: { onclick: "window.__pwned = 2" }, content: [{ type: "text", text: "Cliquez ici", marks: [{ type: "link", attrs: { href: "javascript:window.__pwned=3" } }] }] },
        { type: "image", attrs: { src: "x", alt: "x", onerror: "window.__pwned = 4" } },
        { type: "image", attrs: { src: "/fichiers/cours/x.png\" onerror=\"window.__pwned=5", alt: "y" } },
        { type: "htmlBlock", attrs: { html: "<img src=x onerror='window.__pwned=6'>" }, content: [{ type: "text", text: "INCONNU" }] },
        { type: "paragraph", content: [{ type: "text", text: "<img src=x onerror=\"window.__pwned=7\">" }] },
        { type: "videoEmbed", attrs: { url: "https://evil.example/embed/x" } },
      ],
    };
    const lesson = await database.db
      .insertInto("lesson")
      .values({ course_id: course.id, module_id: mod.id, position: 0, title: "Leçon piégée", body: hostile as never })
      .returning("id")
      .executeTakeFirstOrThrow();

    const page = await newPage(browser);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const response = await page.goto(`/cours/${slug}/lecons/${lesson.id}`);
    expect(response?.status()).toBe(200);
    const csp = response!.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");

    const body = page.locator(".lesson-body");
    await page.getByText("Cliquez ici").click();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await body.locator("script, iframe, [onclick], [onerror], a[href^='javascript']").count()).toBe(0);
    expect(await body.locator("img").count()).toBe(0);
    expect(await body.textContent()).not.toContain("INCONNU");
    expect(await body.textContent()).toContain('<img src=x onerror="window.__pwned=7">');
    await expectNoA11yViolations(page, "hostile lesson");
    await page.context().close();
  });
});
