import { describe, expect, it } from "vitest";
import { baseUrl, DEMO } from "../helpers/browser";

async function signInCookie(): Promise<string> {
  const res = await fetch(`${baseUrl()}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: DEMO.mediator, password: DEMO.password, redirectTo: "/compte" }),
  });
  expect(res.status).toBe(302);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("passerelle_session="));
  expect(cookie).toBeTruthy();
  return cookie!;
}

describe("HTTP security", () => {
  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const cookie = await signInCookie();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it("refuses a POST from a foreign Origin, or with none, with 403", async () => {
    const cookie = (await signInCookie()).split(";")[0]!;
    for (const origin of ["https://evil.example", "null", undefined]) {
      const headers: Record<string, string> = { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" };
      if (origin) headers.Origin = origin;
      const res = await fetch(`${baseUrl()}/deconnexion`, { method: "POST", headers, redirect: "manual" });
      expect(res.status, `Origin ${origin}`).toBe(403);
    }
    // The session survived the forged sign-out attempts…
    const account = await fetch(`${baseUrl()}/compte`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(account.status).toBe(200);
    // …and a same-origin sign-out ends it: the stolen cookie stops working.
    const out = await fetch(`${baseUrl()}/deconnexion`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: baseUrl() },
      redirect: "manual",
    });
    expect(out.status).toBe(302);
    const after = await fetch(`${baseUrl()}/compte`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toContain("/connexion");
  });

  it("sends a nonce-based CSP and the usual headers on pages", async () => {
    const res = await fetch(`${baseUrl()}/`);
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    // A fresh nonce per rendering: a page rendered for each request (the sign-in page) never repeats one. A visitor's
    // page kept under its tag (decision 050) is answered with the nonce it was rendered with, matching its header.
    const signIn = async () => (await fetch(`${baseUrl()}/connexion`)).headers.get("Content-Security-Policy");
    expect(await signIn()).not.toBe(await signIn());
    const again = await fetch(`${baseUrl()}/`);
    const nonce = /'nonce-([^']+)'/.exec(again.headers.get("Content-Security-Policy")!)![1];
    for (const [, used] of (await again.text()).matchAll(/\snonce="([^"]*)"/g)) expect(used).toBe(nonce);
  });

  it("answers bad form input with 400 and never 500", async () => {
    const res = await fetch(`${baseUrl()}/inscription`, {
      method: "POST",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: "firstName=&email=%00&password=x",
    });
    expect(res.status).toBe(400);
    const prefs = await fetch(`${baseUrl()}/preferences`, {
      method: "POST",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: "locale=klingon",
      redirect: "manual",
    });
    expect(prefs.status).toBe(400);
  });

  it("reports health with the database", async () => {
    const res = await fetch(`${baseUrl()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
