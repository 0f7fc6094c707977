import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = require("axe-core").source;

export const baseUrl = () => inject("baseUrl");

/** Debian's Chromium, never a downloaded browser. `extraArgs` e.g. fake camera/microphone flags. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

export async function newPage(browser: Browser, { locale = "fr-FR" } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale });
  const page = await context.newPage();
  return page;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and fails
 * with the list of violations. The script is evaluated through the DevTools
 * protocol, so the page's strict CSP stays on.
 */
export async function expectNoA11yViolations(page: Page, label = page.url()) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is a global once the source ran
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map(
      (v: { id: string; help: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/connexion");
  await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)/).fill(password);
  await page.locator("main").getByRole("button", { name: /Se connecter|Sign in/ }).click();
  await page.waitForLoadState("domcontentloaded");
  // The demo accounts are shared by the browser tests and keep their language in
  // their profile: a test that switched one to English must not turn the next
  // test's French page into English. Follow the browser context's language.
  const wanted = (await page.evaluate(() => navigator.language)).toLowerCase().startsWith("en") ? "en" : "fr";
  if ((await page.locator("html").getAttribute("lang")) !== wanted) {
    await page.locator("header").getByRole("button", { name: wanted === "en" ? "English" : "Français" }).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, wanted);
  }
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Se déconnecter|Sign out/ }).click();
  await page.waitForLoadState("domcontentloaded");
}

/** Undoes quoted-printable (soft line breaks and =XX bytes) so links can be read. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? joined.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(joined[i]));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Waits for the outbox worker to write a mail to `to` and returns it, decoded. */
export async function waitForMail(to: string, { timeoutMs = 15_000, after = 0 } = {}): Promise<string> {
  const dir = inject("mailDir");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.sort().reverse()) {
      if (Number(file.split("-")[0]) < after) continue;
      const text = await readFile(path.join(dir, file), "utf8");
      if (text.includes(`To: ${to}`)) return decodeQuotedPrintable(text);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

export const DEMO = {
  password: "passerelle-demo",
  learner: "apprenant@demo.passerelle.fr",
  mediator: "mediatrice@demo.passerelle.fr",
  teacher: "enseignant@demo.passerelle.fr",
  coordinator: "coordination@demo.passerelle.fr",
};

/** Opens the site menu (the header's <details> disclosure) when it is closed: on a phone, display and language switches live there. */
export async function openMenu(page: Page) {
  const menu = page.locator("details.site-menu");
  if ((await menu.getAttribute("open")) === null) await page.locator("summary.menu-button").click();
  await page.locator(".menu-panel").waitFor({ state: "visible" });
}
