import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const lastYear = new Date().getUTCFullYear() - 1;

async function signedIn(email: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, email, DEMO.password);
  return page;
}

describe("coordinator dashboard", () => {
  it("refuses mediators and learners with 403, the page and its CSV alike", async () => {
    for (const email of [DEMO.mediator, DEMO.learner]) {
      const page = await signedIn(email);
      await expect.poll(() => page.getByRole("link", { name: /Mon compte/ }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Tableau de bord" }).count()).toBe(0);
      const response = await page.goto("/tableau-de-bord");
      expect(response?.status()).toBe(403);
      await page.getByRole("heading", { name: /Accès refusé|interdit|403/i }).waitFor();
      const csv = await page.request.get("/tableau-de-bord/export/mediation_monthly.csv");
      expect(csv.status()).toBe(403);
      expect((await page.goto("/rapports"))?.status()).toBe(403);
      await page.context().close();
    }
  });

  it("shows the indicators by axis, changes the period and downloads a chart's data as CSV", async () => {
    const page = await signedIn(DEMO.coordinator);
    await page.getByRole("link", { name: "Tableau de bord" }).click();
    await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();
    // Fold the demo activity in now rather than wait for the five-minute job.
    await page.getByRole("button", { name: "Mettre à jour les données maintenant" }).click();
    await page.getByText(/Données mises à jour le/).waitFor();
    for (const axis of ["Axe I —", "Axe II —", "Axe III —"]) await page.getByRole("heading", { level: 2, name: new RegExp(axis) }).waitFor();
    await expectNoA11yViolations(page, "dashboard (last 12 months)");

    // Last year, which the demo seed fills.
    await page.getByLabel("Du mois").fill(`${lastYear}-01`);
    await page.getByLabel("Au mois").fill(`${lastYear}-12`);
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect.poll(() => page.url()).toContain(`debut=${lastYear}-01`);
    await page.getByText(`Du janv. ${lastYear} au déc. ${lastYear}`).waitFor();
    const accompaniments = page.locator('[data-figure="mediation.accompaniments"] .figure-value');
    await expect.poll(async () => Number((await accompaniments.textContent())!.replace(/\D/g, ""))).toBeGreaterThan(100);

    // Every chart is an image with a text alternative, followed by its data table.
    const charts = page.locator("figure.chart svg[role=img]");
    expect(await charts.count()).toBeGreaterThan(4);
    for (const label of await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute("aria-label") ?? ""))) {
      expect(label.length).toBeGreaterThan(30);
    }
    expect(await page.locator("svg style, svg [style]").count()).toBe(0); // nothing for the CSP to block
    await expectNoA11yViolations(page, "dashboard (last year)");

    const monthly = page.locator('[data-chart="mediation_monthly"]');
    await monthly.getByText("Tableau des données : Accompagnements par mois").click();
    const januaryCells = await monthly.locator("tbody tr").first().locator("td").allTextContents();
    const downloading = page.waitForEvent("download");
    await monthly.getByRole("link", { name: /Télécharger ces données \(CSV\)/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`mediation_monthly_${lastYear}-01_${lastYear}-12.csv`);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(["Mois", "Accompagnements individuels", "Accompagnements collectifs"]);
    expect(rows).toHaveLength(13);
    expect(rows[1]![0]).toBe(`janv. ${lastYear}`);
    expect(rows[1]!.slice(1)).toEqual(januaryCells);

    // The same page in English and in high contrast.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /Axis II — Support people/ }).waitFor();
    await page.getByRole("button", { name: "High contrast" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await expectNoA11yViolations(page, "dashboard in English, high contrast");
    await page.context().close();
  });

  it("answers a wrong period with a 400 and a message, and still shows the page", async () => {
    const page = await signedIn(DEMO.coordinator);
    const response = await page.goto("/tableau-de-bord?debut=2025-13&fin=2025-01");
    expect(response?.status()).toBe(400);
    await page.getByRole("alert").getByText("Certains filtres ne sont pas valides").waitFor();
    await page.getByText("Indiquez un mois au format AAAA-MM").first().waitFor();
    await expectNoA11yViolations(page, "dashboard with a bad period");
    await page.context().close();
  });
});

describe("yearly evaluation report", () => {
  it("is prepared in the background, shows its progress, and gives a PDF whose totals are the dashboard's", async () => {
    const page = await signedIn(DEMO.coordinator);
    await page.goto("/rapports");
    await expectNoA11yViolations(page, "reports page");
    await page.getByLabel("Année").selectOption(String(lastYear));
    await page.getByRole("button", { name: "Préparer le rapport" }).click();
    await page.getByRole("heading", { name: `Rapport d'évaluation ${lastYear}` }).waitFor();
    await expectNoA11yViolations(page, "report progress page");
    const pdfLink = page.getByRole("link", { name: new RegExp(`Télécharger le rapport ${lastYear} \\(PDF`) });
    for (let i = 0; i < 60 && (await pdfLink.count()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const refresh = page.getByRole("link", { name: "Actualiser l'état" });
      if (await refresh.count()) await refresh.click();
      else await page.reload();
    }
    await page.getByRole("status").getByText("Prêt").waitFor();
    await expectNoA11yViolations(page, "report ready page");
    const response = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pdf = await response.body();
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type \/Page\b/g)!.length;
    expect((await pdfLink.textContent())!).toContain(`${pages} pages`);

    // Its CSV and the dashboard's CSV for the same year carry the same figures.
    const reportCsv = await (await page.request.get((await page.getByRole("link", { name: /chiffres/ }).getAttribute("href"))!)).text();
    const dashboardCsv = await (await page.request.get(`/tableau-de-bord/export/indicateurs.csv?debut=${lastYear}-01&fin=${lastYear}-12`)).text();
    const figures = (csv: string) => (parse(csv.split("\r\n\r\n")[0]!, { bom: true, delimiter: ";" }) as string[][]).map((r) => [r[3], r[6], r[7]].join(";"));
    expect(figures(reportCsv)).toEqual(figures(dashboardCsv));
    expect(figures(reportCsv).find((r) => r.startsWith("mediation.accompaniments;"))).toMatch(/;\d{3,};/);
    await page.context().close();
  });
});
