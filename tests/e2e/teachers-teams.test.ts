import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";
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

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

describe("teachers (issue 14, acceptance 5)", () => {
  it("a brief typed before the editor loads survives; 12 pupils go into 3 teams with one submit; a pupil lands on the class page", async () => {
    const teacher = await newPage(browser);
    await signIn(teacher, DEMO.teacher, DEMO.password);
    await teacher.goto("/classes-scolaires/nouvelle");
    // Primary-school levels are offered, CP to CM2, then collège and lycée up to Terminale.
    const levels = await teacher.getByLabel(/^Niveau/).locator("option").allTextContents();
    expect(levels.slice(0, 6)).toEqual(expect.arrayContaining(["CP", "CE1", "CE2", "CM1", "CM2"]));
    expect(levels).toContain("Terminale");
    const className = `CM2 B ${unique()}`;
    await teacher.getByLabel("Nom de la classe").fill(className);
    await teacher.getByLabel("Établissement").fill("École Jean Macé");
    await teacher.getByLabel(/^Niveau/).selectOption("cm2");
    await teacher.getByRole("button", { name: "Créer la classe" }).click();
    await teacher.getByRole("heading", { level: 1, name: className }).waitFor();
    const classUrl = new URL(teacher.url()).pathname;
    const classId = classUrl.split("/").pop()!;

    // The project form, with the page's JavaScript held back: the brief is typed into the plain field.
    const cspErrors: string[] = [];
    teacher.on("console", (m) => /Content Security Policy|Refused to/i.test(m.text()) && cspErrors.push(m.text()));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await teacher.route(/\.js(\?|$)/, async (route) => {
      await gate;
      await route.continue();
    });
    await teacher.goto(`/projets/nouveau?classe=${classId}`, { waitUntil: "commit" });
    const plain = teacher.locator("textarea#brief");
    await plain.waitFor();
    const briefText = "Observer les oiseaux du jardin de l'école pendant une semaine.";
    await plain.fill(briefText);
    await teacher.getByLabel("Titre du projet").fill("Les oiseaux du jardin");
    expect(await teacher.locator('[contenteditable="true"]').count()).toBe(0);
    release();
    const editor = teacher.locator('[contenteditable="true"][role="textbox"]');
    await editor.waitFor();
    // The editor starts from what was typed, and the plain field steps aside.
    await expect.poll(() => editor.textContent()).toContain(briefText);
    expect(await plain.isVisible()).toBe(false);
    await teacher.unroute(/\.js(\?|$)/);
    await expectNoA11yViolations(teacher, "new project (editor took over)");
    await teacher.getByLabel("2.3 Collaborer").check();
    await teacher.getByRole("button", { name: "Créer le projet" }).click();
    await teacher.getByRole("heading", { level: 1, name: "Les oiseaux du jardin" }).waitFor();
    await teacher.getByText(briefText).waitFor();
    expect(cspErrors).toEqual([]);
    const projectId = new URL(teacher.url()).pathname.split("/").pop()!;

    // Twelve pupils in the class (with consent, so their names show), three teams.
    const pupils: { email: string; firstName: string }[] = [];
    for (let i = 1; i <= 12; i++) {
      const firstName = `Élève${String(i).padStart(2, "0")}`;
      const user = await createUser(database.db, { firstName });
      await database.db.insertInto("class_pupil").values({ class_id: classId, user_id: user.id, number: i, joined_via: "code" }).execute();
      pupils.push({ email: user.email!, firstName });
    }
    await teacher.reload();
    for (const name of ["Merles", "Mésanges", "Rouges-gorges"]) {
      await teacher.getByLabel("Nom de la nouvelle équipe").fill(name);
      await teacher.getByRole("button", { name: "Créer l'équipe" }).click();
      await teacher.getByRole("link", { name, exact: true }).waitFor();
    }
    const selects = teacher.locator("form#assign-all select");
    await expect.poll(() => selects.count()).toBe(12);
    const teams = ["Merles", "Mésanges", "Rouges-gorges"];
    for (let i = 0; i < 12; i++) await selects.nth(i).selectOption({ label: teams[i % 3]! });
    const posts: string[] = [];
    teacher.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    await teacher.getByRole("button", { name: "Enregistrer les équipes" }).click();
    await teacher.getByRole("status").filter({ hasText: "Les équipes sont enregistrées." }).waitFor();
    expect(posts).toHaveLength(1);
    const counts = await database.db
      .selectFrom("project_team_member")
      .innerJoin("project_team", "project_team.id", "project_team_member.team_id")
      .select(["project_team.name", (eb) => eb.fn.countAll<string>().as("n")])
      .where("project_team_member.project_id", "=", projectId)
      .groupBy("project_team.name")
      .orderBy("project_team.name")
      .execute();
    expect(counts.map((c) => [c.name, Number(c.n)])).toEqual([
      ["Merles", 4],
      ["Mésanges", 4],
      ["Rouges-gorges", 4],
    ]);
    await expectNoA11yViolations(teacher, "project page, teams saved");
    await teacher.context().close();

    // A pupil signing in lands on the class page, with the project listed.
    const pupil = await newPage(browser);
    await signIn(pupil, pupils[0]!.email, TEST_PASSWORD);
    await expect.poll(() => new URL(pupil.url()).pathname).toBe(classUrl);
    await pupil.getByRole("heading", { level: 1, name: className }).waitFor();
    await pupil.getByRole("link", { name: "Les oiseaux du jardin" }).waitFor();
    await expectNoA11yViolations(pupil, "pupil's class page after sign-in");
    await pupil.context().close();
  }, 150_000);
});
