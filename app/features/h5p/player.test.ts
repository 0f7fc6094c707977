import { describe, expect, it } from "vitest";
import { frameContentSecurityPolicy, frameDocument, playerAsset } from "./player.server";

const t = ((key: string) => key) as never;

describe("the H5P player's files and frame", () => {
  it("serves only the allow-listed player files", async () => {
    expect((await playerAsset("main.bundle.js"))?.headers.get("Content-Type")).toMatch(/javascript/);
    expect((await playerAsset("styles/h5p.css"))?.headers.get("Content-Type")).toMatch(/^text\/css/);
    expect((await playerAsset("fonts/h5p-core-30.woff2"))?.headers.get("Content-Type")).toBe("font/woff2");
    expect((await playerAsset("relay.js"))?.headers.get("Content-Type")).toMatch(/javascript/);
    for (const bad of ["../package.json", "../../../../etc/passwd", "README.md", "h5p.d.ts", "fonts/inter/LICENSE.txt", "styles/../main.bundle.js"]) {
      expect(await playerAsset(bad), bad).toBeNull();
    }
  });

  it("lets scripts come only from the player and library folders", () => {
    const csp = frameContentSecurityPolicy("https://passerelle.example");
    expect(csp).toContain("script-src https://passerelle.example/h5p/lecteur/ https://passerelle.example/h5p/bibliotheques/;");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe/);
  });

  it("escapes the content's title and configuration in the frame document", async () => {
    const evil = '</script><script>alert(1)</script><!--"';
    const response = frameDocument({
      site: "https://passerelle.example",
      content: { id: "1b7e2a0c-3f43-4b0e-9b7c-0e6a8f1d2c33", title: evil },
      user: { id: "8d3b0c1e-2f9a-4c55-b1de-6a7f0e9d2c11", first_name: "</script>" },
      lessonId: null,
      state: '{"x":"</script>"}',
      locale: "fr",
      t,
    });
    const html = await response.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html.match(/<script/g)).toHaveLength(4);
    const config = JSON.parse(/<script type="application\/json" id="h5p-config">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.state).toBe('{"x":"</script>"}');
    expect(config.userName).toBe("</script>");
    expect(response.headers.get("Content-Security-Policy")).toContain("script-src");
  });
});
