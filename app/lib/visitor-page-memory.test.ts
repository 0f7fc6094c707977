import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  claimRendering,
  encodedBody,
  forgetAllVisitorPages,
  recall,
  remember,
  setVisitorPageMemoryLimits,
  visitorPageMemoryStats,
} from "./visitor-page-memory.server";

const page = (text: string) => new TextEncoder().encode(text);
const headers = () =>
  new Headers({ "Content-Type": "text/html; charset=utf-8", ETag: 'W/"v-1"', "X-Request-Id": "abc", "Content-Length": "3", Vary: "Cookie" });

afterEach(() => {
  forgetAllVisitorPages();
  setVisitorPageMemoryLimits({ entries: 300, bytes: 32 * 1024 * 1024 });
});

describe("visitor page memory", () => {
  it("keeps a page's headers but not those of the response it came in", () => {
    remember("a", headers(), page("<p>a</p>"));
    const kept = recall("a")!;
    expect(kept.body.toString()).toBe("<p>a</p>");
    expect(kept.headers.map(([name]) => name).sort()).toEqual(["content-type", "etag", "vary"]);
  });

  it("forgets the least recently asked page first, by count and by size", () => {
    setVisitorPageMemoryLimits({ entries: 2 });
    remember("a", headers(), page("a"));
    remember("b", headers(), page("b"));
    recall("a");
    remember("c", headers(), page("c"));
    expect([recall("a"), recall("b"), recall("c")].map((kept) => kept?.body.toString())).toEqual(["a", undefined, "c"]);

    setVisitorPageMemoryLimits({ entries: 100, bytes: 8_000 });
    forgetAllVisitorPages();
    for (let i = 0; i < 10; i++) remember(String(i), headers(), page("x".repeat(900)));
    expect(visitorPageMemoryStats().bytes).toBeLessThanOrEqual(8_000);
    expect(recall("0")).toBeUndefined();
    expect(recall("9")).toBeDefined();
    // A page larger than an eighth of the whole is not kept at all.
    remember("big", headers(), page("x".repeat(1_001)));
    expect(recall("big")).toBeUndefined();
  });

  it("keeps nothing when turned off", () => {
    setVisitorPageMemoryLimits({ entries: 0 });
    remember("a", headers(), page("a"));
    expect(recall("a")).toBeUndefined();
  });

  it("compresses once per encoding, and counts it", () => {
    const html = `<ul>${"<li>Atelier numérique</li>".repeat(500)}</ul>`;
    remember("a", headers(), page(html));
    const kept = recall("a")!;
    const before = visitorPageMemoryStats().bytes;
    const br = encodedBody(kept, "br");
    expect(brotliDecompressSync(br).toString()).toBe(html);
    expect(encodedBody(kept, "br")).toBe(br);
    expect(gunzipSync(encodedBody(kept, "gzip")).toString()).toBe(html);
    expect(encodedBody(kept, "identity").toString()).toBe(html);
    expect(visitorPageMemoryStats().bytes).toBe(before + br.length + kept.encoded.gzip!.length);
  });

  it("lets one request render a tag while the others wait for it", async () => {
    const first = claimRendering("t");
    const second = claimRendering("t");
    const third = claimRendering("t");
    expect("release" in first).toBe(true);
    expect("wait" in second && "wait" in third).toBe(true);
    let woken = 0;
    const waiting = [second, third].map((claim) => ("wait" in claim ? claim.wait.then(() => woken++) : null));
    await Promise.resolve();
    expect(woken).toBe(0);
    if ("release" in first) {
      first.release();
      first.release();
    }
    await Promise.all(waiting);
    expect(woken).toBe(2);
    expect(visitorPageMemoryStats().rendering).toBe(0);
    // The tag is free again.
    expect("release" in claimRendering("t")).toBe(true);
  });
});
