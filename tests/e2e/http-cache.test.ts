import { describe, expect, it } from "vitest";
import { baseUrl, DEMO } from "../helpers/browser";

/** Issue 17, acceptance 3: what a browser or a shared cache may keep, checked on the built server's answers. */
async function preferencesCookies(fields: Record<string, string>): Promise<string> {
  const res = await fetch(`${baseUrl()}/preferences`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, redirectTo: "/cours" }),
  });
  expect(res.status).toBe(302);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

describe("HTTP caching of pages", () => {
  it("lets a visitor's page be revalidated: an ETag, a short shared lifetime, Vary, and a 304 on a match", async () => {
    for (const path of ["/", "/cours", "/lieux", "/ateliers"]) {
      const first = await fetch(`${baseUrl()}${path}`);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get("ETag");
      expect(etag, path).toMatch(/^W\/"[\w-]+"$/);
      expect(first.headers.get("Cache-Control"), path).toBe("public, max-age=0, s-maxage=30");
      expect(first.headers.get("Vary"), path).toMatch(/Cookie/);
      expect(first.headers.get("Vary"), path).toMatch(/Accept-Language/);
      // The page is the same from one request to the next, though each has its own CSP nonce.
      const again = await fetch(`${baseUrl()}${path}`);
      expect(again.headers.get("ETag"), path).toBe(etag);
      expect(again.headers.get("Content-Security-Policy")).not.toBe(first.headers.get("Content-Security-Policy"));
      const revalidated = await fetch(`${baseUrl()}${path}`, { headers: { "If-None-Match": etag! } });
      expect(revalidated.status, path).toBe(304);
      expect(await revalidated.text()).toBe("");
      const stale = await fetch(`${baseUrl()}${path}`, { headers: { "If-None-Match": 'W/"something-else"' } });
      expect(stale.status, path).toBe(200);
    }
  });

  it("never serves one language or display mode for another", async () => {
    const french = await fetch(`${baseUrl()}/cours`);
    const english = await fetch(`${baseUrl()}/cours`, { headers: { "Accept-Language": "en" } });
    expect(await english.text()).toContain('lang="en"');
    expect(english.headers.get("ETag")).not.toBe(french.headers.get("ETag"));
    // The French copy's tag does not validate the English page, nor the large-text one.
    const englishRevalidated = await fetch(`${baseUrl()}/cours`, { headers: { "Accept-Language": "en", "If-None-Match": french.headers.get("ETag")! } });
    expect(englishRevalidated.status).toBe(200);
    const largeText = await preferencesCookies({ largeText: "on" });
    const large = await fetch(`${baseUrl()}/cours`, { headers: { Cookie: largeText, "If-None-Match": french.headers.get("ETag")! } });
    expect(large.status).toBe(200);
    expect(large.headers.get("ETag")).not.toBe(french.headers.get("ETag"));
  });

  it("never lets a shared cache keep a signed-in page, nor answers it with a 304", async () => {
    const res = await fetch(`${baseUrl()}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: DEMO.learner, password: DEMO.password, redirectTo: "/" }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("passerelle_session="))!.split(";")[0]!;
    const visitorTag = (await fetch(`${baseUrl()}/cours`)).headers.get("ETag")!;
    for (const path of ["/", "/cours", "/compte"]) {
      const page = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie, "If-None-Match": visitorTag } });
      expect(page.status, path).toBe(200);
      expect(page.headers.get("Cache-Control"), path).toBe("private, no-store");
      expect(page.headers.get("ETag"), path).toBeNull();
    }
  });
});
