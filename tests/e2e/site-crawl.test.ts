// The whole site as each role sees it, two links deep from the home page: a
// guard for what the per-feature tests miss — a page that answers 500, a link
// the app shows to a role but that leads to 403/404, an accessibility
// violation on a page nobody wrote a test for. It only follows GET links: it
// submits no form and clicks no button, so the shared demo accounts keep their
// preferences and data (a lesson page may still note a visit, as any reader's).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectNoA11yViolations, launchBrowser, newPage, signIn } from "../helpers/browser";

const MAX_DEPTH = 2;
/** Keeps the five crawls within a few minutes on two cores. */
const MAX_PAGES_PER_ROLE = 80;
/** A paginated or filtered list, or one page per record, is seen this many times at most. */
const MAX_VARIANTS_PER_PATTERN = 3;

/** Not pages: sign-out (POST only), the xAPI and H5P machinery, APIs, the health check. */
const SKIPPED_PATH = /^\/(deconnexion|preferences|healthz)(\/|$)|^\/(xapi|h5p|api)\//;
const DOWNLOAD_PATH = /\.(csv|pdf|ics|jwt|json|tar\.gz|eml|zip)$/i;
/** UUIDs, numbers and random tokens (hex, or base64url with digits and capitals) stand for "some record"; slugs do not. */
const RECORD_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[0-9a-f]{16,}|(?=.*\d)(?=.*[A-Z])[A-Za-z0-9_-]{16,})$/;

/** Every role is crawled on a 390 px phone with large text: seniors, and staff checking in at a relay space from their phone. */
const ROLES = [
  { role: "anonymous", email: null, phone: true },
  { role: "learner", email: DEMO.learner, phone: true },
  { role: "mediator", email: DEMO.mediator, phone: true },
  { role: "teacher", email: DEMO.teacher, phone: true },
  { role: "coordinator", email: DEMO.coordinator, phone: true },
] as const;

interface Visit {
  url: string;
  depth: number;
  /** The page and link text that led here, for the report. */
  from: string | null;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function pathPattern(pathname: string) {
  return pathname
    .split("/")
    .map((segment) => (RECORD_SEGMENT.test(segment) ? ":id" : segment))
    .join("/");
}

/** The URL without its fragment and with its query sorted, or null when it is not a page to visit. */
function pageUrl(href: string, origin: string): URL | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (SKIPPED_PATH.test(url.pathname) || DOWNLOAD_PATH.test(url.pathname)) return null;
  url.hash = "";
  url.searchParams.sort();
  return url;
}

const shown = (url: string) => {
  const { pathname, search } = new URL(url);
  return decodeURIComponent(pathname + search);
};

async function linksOn(page: Page) {
  return page.locator("a[href]:not([download])").evaluateAll((anchors) =>
    anchors
      .filter((a) => !a.getAttribute("href")!.startsWith("#"))
      .map((a) => ({ href: (a as HTMLAnchorElement).href, text: (a.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60) })),
  );
}

async function crawl(page: Page, role: string, phone: boolean) {
  const origin = new URL(page.url()).origin;
  const failures: string[] = [];
  const seen = new Set<string>();
  const variants = new Map<string, number>();
  const queue: Visit[] = [];
  let visited = 0;

  const enqueue = (href: string, depth: number, from: string | null) => {
    const url = pageUrl(href, origin);
    if (!url || seen.has(url.href)) return;
    const pattern = pathPattern(url.pathname);
    const count = variants.get(pattern) ?? 0;
    if (count >= MAX_VARIANTS_PER_PATTERN) return;
    variants.set(pattern, count + 1);
    seen.add(url.href);
    queue.push({ url: url.href, depth, from });
  };

  enqueue(`${origin}/`, 0, null);
  while (queue.length > 0 && visited < MAX_PAGES_PER_ROLE) {
    const { url, depth, from } = queue.shift()!;
    const where = `${role} ${shown(url)}${from ? ` (linked from ${from})` : ""}`;
    const response = await page.goto(url).catch((error: Error) => {
      if (/Download is starting/.test(error.message)) return "download" as const;
      failures.push(`${where}: ${error.message.split("\n")[0]}`);
      return "failed" as const;
    });
    if (response === "download" || response === "failed") continue;
    if (!response) continue;
    const contentType = response.headers()["content-type"] ?? "";
    if (response.status() < 400 && !contentType.startsWith("text/html")) continue;
    visited++;
    // A redirect lands on a page that may be queued under its own address.
    const landed = pageUrl(page.url(), origin);
    if (landed) seen.add(landed.href);
    if (response.status() >= 400) {
      failures.push(`${where}: HTTP ${response.status()}`);
      continue;
    }
    if (phone) {
      // Large text as the display setting gives it; no sideways scroll on a 390 px phone.
      await page.evaluate(() => document.documentElement.classList.add("large-text"));
      const overflow = await page.evaluate(() => {
        const excess = document.documentElement.scrollWidth - window.innerWidth;
        if (excess <= 0) return null;
        // The elements that stick out of the page, not those inside a box that scrolls or clips them (a table's).
        const clipped = (el: Element) => {
          for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return true;
          }
          return false;
        };
        const widest = [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[hidden], .visually-hidden, .sr-only") && !clipped(el))
          .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${String(el.className)}"` : ""}> ${(el.textContent ?? "").trim().slice(0, 40)}`);
        return `${excess} px too wide: ${widest.slice(-3).join(" | ") || "(only hidden or clipped elements stick out)"}`;
      });
      if (overflow) failures.push(`${where}: sideways scroll at 390 px with large text, ${overflow}`);
    }
    try {
      await expectNoA11yViolations(page, `${role} ${shown(page.url())}`);
    } catch (error) {
      // The helper's assertion carries the violations as its actual value.
      const { actual } = error as { actual?: unknown };
      failures.push(`${where}: ${Array.isArray(actual) ? actual.join("; ") : (error as Error).message}`);
    }
    if (depth >= MAX_DEPTH) continue;
    for (const link of await linksOn(page)) enqueue(link.href, depth + 1, `${shown(page.url())} "${link.text}"`);
  }
  return { failures, visited };
}

describe("site crawl", () => {
  for (const { role, email, phone } of ROLES) {
    it(`every page ${role === "anonymous" ? "a visitor" : `the demo ${role}`} reaches by links answers and passes axe`, { timeout: 180_000 }, async () => {
      const page = await newPage(browser);
      if (phone) await page.setViewportSize({ width: 390, height: 844 });
      if (email) await signIn(page, email, DEMO.password);
      else await page.goto("/");
      const { failures, visited } = await crawl(page, role, phone);
      await page.context().close();
      // Guards the guard: a header that lost its links would otherwise pass with one page.
      expect(visited).toBeGreaterThan(20);
      expect(failures, `${failures.length} problem(s):\n${failures.join("\n\n")}`).toEqual([]);
    });
  }
});
