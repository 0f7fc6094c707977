import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
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

/** A GET through node:http, which adds no Accept-Encoding of its own and decodes nothing. */
function plainGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${baseUrl()}${path}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
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
      // The next visitor gets the page the worker kept under that tag (decision 050): the same page, its nonce
      // still the one its Content-Security-Policy names.
      const again = await fetch(`${baseUrl()}${path}`);
      expect(again.headers.get("ETag"), path).toBe(etag);
      const nonce = /'nonce-([^']+)'/.exec(again.headers.get("Content-Security-Policy") ?? "")?.[1];
      expect(nonce, path).toBeTruthy();
      for (const [, used] of (await again.text()).matchAll(/\snonce="([^"]*)"/g)) expect(used, path).toBe(nonce);
      const revalidated = await fetch(`${baseUrl()}${path}`, { headers: { "If-None-Match": etag! } });
      expect(revalidated.status, path).toBe(304);
      expect(await revalidated.text()).toBe("");
      const stale = await fetch(`${baseUrl()}${path}`, { headers: { "If-None-Match": 'W/"something-else"' } });
      expect(stale.status, path).toBe(200);
    }
  });

  it("answers a kept page in the encoding asked for, each decoding to the same page", async () => {
    await plainGet("/cours", {});
    const plain = await plainGet("/cours", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    for (const [asked, decode] of [
      ["br", brotliDecompressSync],
      ["gzip", gunzipSync],
    ] as const) {
      const encoded = await plainGet("/cours", { "Accept-Encoding": asked });
      expect(encoded.status, asked).toBe(200);
      expect(encoded.headers["content-encoding"], asked).toBe(asked);
      expect(encoded.headers.vary, asked).toMatch(/Accept-Encoding/);
      expect(Number(encoded.headers["content-length"]), asked).toBe(encoded.body.length);
      expect(encoded.body.length, asked).toBeLessThan(plain.body.length / 2);
      // The same page but for the nonce, which each rendering draws anew (the memory may have moved on to the next minute).
      const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, "");
      expect(withoutNonce(decode(encoded.body).toString()), asked).toBe(withoutNonce(plain.body.toString()));
    }
  });

  it("never serves one language or display mode for another", async () => {
    const french = await fetch(`${baseUrl()}/cours`);
    const english = await fetch(`${baseUrl()}/cours`, { headers: { "Accept-Language": "en" } });
    expect(await english.text()).toContain('lang="en"');
    // Asked again, each from the worker's memory, each in its own language.
    expect(await (await fetch(`${baseUrl()}/cours`, { headers: { "Accept-Language": "en" } })).text()).toContain('lang="en"');
    expect(await (await fetch(`${baseUrl()}/cours`)).text()).toContain('lang="fr"');
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
