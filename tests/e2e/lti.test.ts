import type { Browser, Frame, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ltiScoresJob } from "../../app/features/lti/scores.server";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { baseUrl, DEMO, expectNoA11yViolations, launchBrowser, signIn } from "../helpers/browser";
import { ROLE, startLtiPlatform, type LtiPlatform } from "../helpers/lti-platform";
import { h5pFrames, statementsOf, verbCounts } from "./h5p-support";

/**
 * Issue 21, acceptance 2, against the LTI platform stand-in of
 * tests/helpers/lti-platform.ts (no LMS runs here): a coordinator registers
 * the platform; a resource-link launch from the platform's page (an iframe)
 * opens the linked lesson for a platform user Passerelle never saw; a Deep
 * Linking request returns a signed response the platform verifies with the
 * tool's published JWKS; completing the lesson posts a score through AGS
 * that the platform receives exactly once although its first attempt fails.
 */

let browser: Browser;
let database: OpenedDatabase;
let platform: LtiPlatform;
let sql: postgres.Sql;

beforeAll(async () => {
  browser = await launchBrowser();
  database = await openDatabase({ url: inject("appDatabaseUrl"), poolSize: 2 });
  sql = postgres(inject("appDatabaseUrl"), { max: 1, onnotice: () => {} });
  const base = baseUrl();
  platform = await startLtiPlatform({ origin: base, login: `${base}/lti/login`, launch: `${base}/lti/launch`, jwks: `${base}/lti/jwks.json` });
});

afterAll(async () => {
  await platform?.close();
  await browser?.close();
  await database?.close();
  await sql?.end();
});

/** The tool's frame in the platform's page, once it shows a level-1 heading. */
async function toolFrame(page: Page, heading: string | RegExp): Promise<Frame> {
  const frame = page.frameLocator("iframe[name=tool]");
  try {
    await frame.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 15_000 });
  } catch (error) {
    const shown = page.frame({ name: "tool" });
    throw new Error(`${(error as Error).message}\nframe at ${shown?.url()}: ${(await shown?.content())?.slice(0, 1500)}`);
  }
  return page.frame({ name: "tool" })!;
}

describe("Passerelle as an LTI 1.3 tool (issue 21)", () => {
  it("registers a platform, opens a lesson for a new platform user in the iframe, links content by Deep Linking, and sends the grade once", async () => {
    const db = database.db;
    // 1. A coordinator registers the platform with the values its administrator would read off it.
    const admin = await (await browser.newContext({ baseURL: baseUrl(), locale: "fr-FR" })).newPage();
    await signIn(admin, DEMO.coordinator, DEMO.password);
    await admin.goto("/admin/lti");
    await admin.getByRole("heading", { level: 1, name: "Plateformes d’apprentissage (LTI)" }).waitFor();
    await expect.poll(() => admin.getByText(`${baseUrl()}/lti/jwks.json`).count()).toBeGreaterThan(0);
    await admin.getByLabel(/^Nom\b/).fill("Moodle du collège");
    await admin.getByLabel("Identifiant de la plateforme (Platform ID)").fill(platform.issuer);
    await admin.getByLabel("Identifiant client (Client ID)").fill(platform.clientId);
    await admin.getByLabel("Identifiants de déploiement (Deployment ID)").fill(platform.deploymentId);
    await admin.getByLabel("Adresse du jeu de clés publiques (Public keyset URL)").fill(platform.jwksUrl);
    await admin.getByLabel("Adresse de connexion (Authentication request URL)").fill(platform.authUrl);
    await admin.getByLabel("Adresse des jetons d’accès (Access token URL)").fill(platform.tokenUrl);
    await admin.getByRole("button", { name: "Enregistrer la plateforme" }).click();
    await admin.getByText("La plateforme est enregistrée.").waitFor();
    await expectNoA11yViolations(admin, "platform page");
    // Registering made the tool's key (a GET of the key set creates none). The coordinator then changes it:
    // both keys are published, the new one signs from now on (step 5 checks it).
    await admin.goto("/admin/lti");
    const kids = async () => ((await (await fetch(`${baseUrl()}/lti/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const [oldKid] = await kids();
    expect(oldKid).toBeTruthy();
    await admin.getByRole("button", { name: "Changer de clé" }).click();
    await admin.getByText("La nouvelle clé est en service. L’ancienne reste publiée 7 jours.").waitFor();
    const published = await kids();
    expect(published.slice(0, 2)).toEqual([published[0], oldKid]);
    expect(published[0]).not.toBe(oldKid);
    const newKid = published[0]!;
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.goto("/admin/lti");
    expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "admin page: sideways scroll on a phone").toBeLessThanOrEqual(0);

    const lesson = await db
      .selectFrom("lesson")
      .innerJoin("course", "course.id", "lesson.course_id")
      .select(["lesson.id", "lesson.title", "course.slug", "course.title as courseTitle"])
      .where("course.status", "=", "published")
      .orderBy("course.slug")
      .orderBy("lesson.position")
      .executeTakeFirstOrThrow();
    const lessonUrl = `${baseUrl()}/cours/${lesson.slug}/lecons/${lesson.id}`;

    // 2. A learner Passerelle never saw opens the link in the platform: the lesson shows in the iframe.
    const learner = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await learner.goto(platform.coursePageUrl({ sub: "moodle-user-77", givenName: "Inès", familyName: "Durand", targetLinkUri: lessonUrl, lineitem: true, roles: [ROLE.learner] }));
    const frame = await toolFrame(learner, lesson.title);
    await expectNoA11yViolations(frame as unknown as Page, "launched lesson");
    const account = await db
      .selectFrom("lti_user_link")
      .innerJoin("app_user", "app_user.id", "lti_user_link.user_id")
      .select(["app_user.id", "app_user.first_name", "app_user.last_name", "app_user.email", "app_user.role"])
      .where("lti_user_link.sub", "=", "moodle-user-77")
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ first_name: "Inès", last_name: "Durand", email: null, role: "learner" });

    // 3. The learner completes the lesson; the platform's first score attempt fails, the job tries again.
    platform.failNextScores = 1;
    await frame.getByRole("button", { name: "J'ai terminé cette leçon" }).click();
    await learner.frameLocator("iframe[name=tool]").getByText("C’est noté : la leçon est terminée.").waitFor();
    const outbox = () => db.selectFrom("lti_score_outbox").selectAll().where("user_id", "=", account.id).execute();
    expect(await outbox()).toHaveLength(1);
    // The job runs a few times (later each time, past the back-off); the app's own job loop may also take a turn.
    for (let i = 1; i <= 4 && platform.scores.length === 0; i++) await ltiScoresJob.run(db, new Date(Date.now() + i * 10 * 60_000));
    await ltiScoresJob.run(db, new Date(Date.now() + 60 * 60_000));
    expect(platform.scoreAttempts).toBe(2);
    expect(platform.scores).toHaveLength(1);
    expect(platform.scores[0]).toMatchObject({ userId: "moodle-user-77", scoreGiven: 100, scoreMaximum: 100, activityProgress: "Completed", gradingProgress: "FullyGraded" });
    expect(platform.scores[0]!.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const [row] = await outbox();
    expect(row).toMatchObject({ attempts: 1 });
    expect(row!.sent_at).not.toBeNull();

    // 4. A refusal is a translated page with its 4xx.
    const refused = await fetch(`${baseUrl()}/lti/probleme/nonce_reused`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Cette demande a déjà servi");

    // 5. A teacher picks that lesson from inside the platform (Deep Linking); the platform verifies the signed answer.
    const teacher = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await teacher.goto(
      platform.coursePageUrl({ sub: "moodle-teacher-3", givenName: "Paul", messageType: "LtiDeepLinkingRequest", roles: [ROLE.instructor], targetLinkUri: `${baseUrl()}/lti/launch` }),
    );
    const picker = await toolFrame(teacher, "Choisir un contenu de Passerelle");
    await picker.getByRole("link", { name: `Voir les leçons de « ${lesson.courseTitle} »` }).click();
    await picker.getByRole("radio", { name: `La leçon « ${lesson.title} »` }).check();
    await expectNoA11yViolations(picker as unknown as Page, "deep linking picker");
    await picker.getByRole("button", { name: "Ajouter ce contenu" }).click();
    await teacher.frameLocator("iframe[name=tool]").getByRole("heading", { name: "Contenu ajouté" }).waitFor();
    expect(platform.deepLinkErrors).toEqual([]);
    expect(platform.deepLinkResponses).toHaveLength(1);
    const [item] = platform.deepLinkResponses[0]!.payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Record<string, unknown>[];
    expect(item).toMatchObject({ type: "ltiResourceLink", title: lesson.title, url: lessonUrl, custom: { passerelle_target: `lesson:${lesson.id}` }, lineItem: { scoreMaximum: 100 } });
    expect(platform.deepLinkResponses[0]!.kid).toBe(newKid);
  });
});

const CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";

/** The platform user's Passerelle account id, once their first launch created it. */
async function accountOf(sub: string) {
  const [row] = await sql<{ user_id: string }[]>`select user_id from lti_user_link where sub = ${sub}`;
  return row?.user_id;
}

describe("H5P inside the platform's frame (decision 048)", () => {
  it("a teacher links an H5P activity; a platform user plays it in the iframe with the launch's cookie only; the answer is theirs and its score reaches the gradebook", async () => {
    const [content] = await sql<{ id: string; title: string }[]>`select id, title from h5p_content where source_key = 'demo:mot-de-passe'`;
    const teacher = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await teacher.goto(platform.coursePageUrl({ sub: "moodle-teacher-5", messageType: "LtiDeepLinkingRequest", roles: [ROLE.instructor], targetLinkUri: `${baseUrl()}/lti/launch` }));
    const picker = await toolFrame(teacher, "Choisir un contenu de Passerelle");
    await picker.getByRole("radio", { name: content!.title }).check();
    await picker.getByRole("button", { name: "Ajouter ce contenu" }).click();
    await teacher.frameLocator("iframe[name=tool]").getByRole("heading", { name: "Contenu ajouté" }).waitFor();
    const [item] = platform.deepLinkResponses.at(-1)!.payload[CONTENT_ITEMS] as { url: string; custom: Record<string, string> }[];
    expect(item!.custom).toEqual({ passerelle_target: `h5p:${content!.id}` });
    await teacher.context().close();

    const learner = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    const paths: string[] = [];
    const policies = new Map<string, string>();
    learner.on("response", (response) => {
      const path = new URL(response.url()).pathname;
      paths.push(path);
      if (path.includes("/h5p/activite/")) policies.set(path.endsWith("/jeu") ? "player" : "host", response.headers()["content-security-policy"] ?? "");
    });
    await learner.goto(platform.coursePageUrl({ sub: "moodle-user-88", givenName: "Jade", targetLinkUri: item!.url, custom: item!.custom, lineitem: true }));
    const frame = await toolFrame(learner, content!.title);
    const { player } = await h5pFrames(frame as unknown as Page);
    // Framed by this platform and Passerelle only; no Passerelle session, nor its H5P addresses, are used.
    expect(policies.get("host")).toContain(`frame-ancestors 'self' ${platform.issuer}`);
    expect(policies.get("player")).toContain(`frame-ancestors ${baseUrl()} ${platform.issuer}`);
    expect(policies.get("player")).toContain("sandbox allow-scripts");
    for (const policy of policies.values()) expect(policy).not.toMatch(/frame-ancestors[^;]*\*/);
    expect((await learner.context().cookies(baseUrl())).map((c) => c.name).filter((n) => n === "__session" || n.startsWith("passerelle_session"))).toEqual([]);

    await player.getByLabel("Cheval-Pile-Agrafe-Correct").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    await player.getByText("Bonne réponse ! Score : 1 sur 1").waitFor();
    const userId = (await accountOf("moodle-user-88"))!;
    await expect.poll(async () => verbCounts(await statementsOf(sql, userId)), { timeout: 15_000 }).toMatchObject({ answered: 1, completed: 1 });
    expect(paths.filter((p) => p.startsWith("/h5p/releve") || p.startsWith("/h5p/cadre") || p.startsWith("/h5p/jeu"))).toEqual([]);
    // The relay queued the score at once; the job sends it.
    await expect.poll(async () => (await sql`select 1 from lti_score_outbox where user_id = ${userId}`).length).toBe(1);
    for (let i = 1; i <= 3 && !platform.scores.some((s) => s.userId === "moodle-user-88"); i++) await ltiScoresJob.run(database.db, new Date(Date.now() + i * 60 * 60_000));
    expect(platform.scores.filter((s) => s.userId === "moodle-user-88")).toMatchObject([{ scoreGiven: 100, scoreMaximum: 100, activityProgress: "Completed" }]);
    await learner.context().close();
  });

  it("an activity inside a launched lesson plays there too, and completes the lesson for the platform user", async () => {
    const [lesson] = await sql<{ id: string; title: string; slug: string }[]>`
      select lesson.id, lesson.title, course.slug from lesson join course on course.id = lesson.course_id
      where course.slug = 'se-proteger-des-arnaques-en-ligne' and lesson.source_key = 'proteger-ses-comptes'`;
    const learner = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await learner.goto(platform.coursePageUrl({ sub: "moodle-user-89", givenName: "Rémi", targetLinkUri: `${baseUrl()}/cours/${lesson!.slug}/lecons/${lesson!.id}` }));
    const frame = await toolFrame(learner, lesson!.title);
    // The activity's frame loads lazily: it is further down the lesson.
    await frame.locator("iframe[data-h5p-content]").scrollIntoViewIfNeeded();
    const { player } = await h5pFrames(frame as unknown as Page);
    await player.getByLabel("Cheval-Pile-Agrafe-Correct").check();
    await player.getByRole("button", { name: "Vérifier ma réponse" }).click();
    const userId = (await accountOf("moodle-user-89"))!;
    await expect.poll(async () => (await statementsOf(sql, userId)).filter((s) => s.lesson_id === lesson!.id).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect
      .poll(async () => (await sql<{ completed_at: Date | null }[]>`select completed_at from lesson_progress where user_id = ${userId} and lesson_id = ${lesson!.id}`)[0]?.completed_at ?? null)
      .not.toBeNull();
    await learner.context().close();
  });

  it("offers a new window when the frame's cookie is blocked, and the lesson works there", async () => {
    const [lesson] = await sql<{ id: string; title: string; slug: string }[]>`
      select lesson.id, lesson.title, course.slug from lesson join course on course.id = lesson.course_id
      where course.status = 'published' order by course.slug, lesson.position limit 1`;
    const context = await browser.newContext({ locale: "fr-FR" });
    // The browser keeps no cookie of Passerelle inside the platform's frame (third-party cookies blocked): the
    // state's cookie /lti/login set there is gone when the platform posts the launch back. A top-level window keeps it.
    let blocked = 0;
    await context.route(
      (url) => url.href === `${baseUrl()}/lti/launch`,
      async (route) => {
        if (route.request().frame().parentFrame()) {
          await context.clearCookies({ name: /^passerelle_lti_state_/ });
          blocked++;
        }
        await route.continue();
      },
    );
    const learner = await context.newPage();
    await learner.goto(platform.coursePageUrl({ sub: "moodle-user-90", givenName: "Lou", targetLinkUri: `${baseUrl()}/cours/${lesson!.slug}/lecons/${lesson!.id}` }));
    const frame = await toolFrame(learner, "Ouvrir Passerelle dans une nouvelle fenêtre");
    await expectNoA11yViolations(frame as unknown as Page, "new-window fallback");
    expect(blocked).toBe(1);
    expect(await accountOf("moodle-user-90"), "a launch refused in the frame stores nothing").toBeUndefined();

    const opened = context.waitForEvent("page");
    await frame.getByRole("button", { name: "Ouvrir dans une nouvelle fenêtre" }).click();
    const window = await opened;
    await window.getByRole("heading", { level: 1, name: lesson!.title }).waitFor({ timeout: 15_000 });
    expect(new URL(window.url()).pathname).toMatch(/^\/lti\/l\/[0-9a-f-]{36}$/);
    await window.getByRole("button", { name: "J'ai terminé cette leçon" }).click();
    await window.getByText("C’est noté : la leçon est terminée.").waitFor();
    const userId = await accountOf("moodle-user-90");
    expect(userId).toBeTruthy();
    const [progress] = await sql<{ completed_at: Date | null }[]>`select completed_at from lesson_progress where user_id = ${userId!} and lesson_id = ${lesson!.id}`;
    expect(progress?.completed_at).toBeTruthy();
    await context.close();
  });
});
