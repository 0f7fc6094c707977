import { parse } from "csv-parse/sync";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, newPage } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("open data", () => {
  it("is public: a page listing the datasets with their licence, and files at stable URLs with ETag and 304", async () => {
    const page = await newPage(browser);
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Données ouvertes" }).click();
    await page.getByRole("heading", { level: 1, name: "Données ouvertes" }).waitFor();
    await page.getByText(/Licence Ouverte 2\.0/).first().waitFor();
    await page.getByRole("heading", { name: "Lieux de médiation numérique" }).waitFor();
    await expectNoA11yViolations(page, "open data page");

    const csvLink = page.getByRole("link", { name: "Lieux de médiation numérique — CSV" });
    expect(await csvLink.getAttribute("href")).toBe("/donnees-ouvertes/lieux-mediation-numerique.csv");
    const first = await page.request.get("/donnees-ouvertes/lieux-mediation-numerique.csv");
    expect(first.status()).toBe(200);
    expect(first.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(first.headers()["access-control-allow-origin"]).toBe("*");
    const etag = first.headers()["etag"]!;
    const lastModified = first.headers()["last-modified"]!;
    const rows = parse(await first.text()) as string[][];
    expect(rows[0]!.slice(0, 4)).toEqual(["id", "pivot", "nom", "commune"]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const again = await page.request.get("/donnees-ouvertes/lieux-mediation-numerique.csv", { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    const since = await page.request.get("/donnees-ouvertes/lieux-mediation-numerique.csv", { headers: { "If-Modified-Since": lastModified } });
    expect(since.status()).toBe(304);

    const aggregates = await page.request.get("/donnees-ouvertes/personnes-accompagnees-publics.csv");
    expect(aggregates.status()).toBe(200);
    expect((await aggregates.text()).split("\r\n")[0]).toBe('"annee","mois","niveau","public","public_libelle","personnes","accompagnements","secret_statistique"');

    const catalogue = await page.request.get("/donnees-ouvertes/catalogue.json");
    expect(catalogue.headers()["content-type"]).toBe("application/ld+json; charset=utf-8");
    const dcat = await catalogue.json();
    expect(dcat["dcat:dataset"]).toHaveLength(3);
    expect((await page.request.get("/donnees-ouvertes/inconnu.csv")).status()).toBe(404);
    await page.context().close();
  });
});
