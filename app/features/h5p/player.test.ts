import { describe, expect, it } from "vitest";
import { hostContentSecurityPolicy, hostDocument, hostUrl, playerContentSecurityPolicy, playerDocument, signedOutFrame } from "./frame-documents.server";
import { playerAsset } from "./player.server";

const t = ((key: string) => key) as never;
const SITE = "https://passerelle.example";
const CONTENT = "1b7e2a0c-3f43-4b0e-9b7c-0e6a8f1d2c33";
const USER = "8d3b0c1e-2f9a-4c55-b1de-6a7f0e9d2c11";
const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `) || d === name);
const configOf = (html: string, id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, "s").exec(html)![1]!);

describe("the H5P player's files and frames", () => {
  it("serves only the allow-listed player files, readable from the opaque player frame", async () => {
    const bundle = await playerAsset("main.bundle.js");
    expect(bundle?.headers.get("Content-Type")).toMatch(/javascript/);
    expect(bundle?.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    expect(bundle?.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await playerAsset("styles/h5p.css"))?.headers.get("Content-Type")).toMatch(/^text\/css/);
    expect((await playerAsset("fonts/h5p-core-30.woff2"))?.headers.get("Content-Type")).toBe("font/woff2");
    for (const own of ["relay.js", "host.js", "boot.js"]) expect((await playerAsset(own))?.headers.get("Content-Type"), own).toMatch(/javascript/);
    for (const bad of ["../package.json", "../../../../etc/passwd", "README.md", "h5p.d.ts", "fonts/inter/LICENSE.txt", "styles/../main.bundle.js", "frame.js"]) {
      expect(await playerAsset(bad), bad).toBeNull();
    }
  });

  it("keeps the host frame to our scripts, with no eval, framing only the player document", () => {
    const csp = hostContentSecurityPolicy(SITE);
    expect(directive(csp, "script-src")).toBe(`script-src ${SITE}/h5p/lecteur/`);
    expect(directive(csp, "frame-src")).toBe(`frame-src ${SITE}/h5p/jeu/`);
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|sandbox/);
  });

  it("lets the player frame evaluate strings only inside an opaque origin that reads nothing but its content and libraries", () => {
    const csp = playerContentSecurityPolicy(SITE, CONTENT);
    expect(directive(csp, "script-src")).toBe(`script-src ${SITE}/h5p/lecteur/ ${SITE}/h5p/bibliotheques/ 'unsafe-eval'`);
    expect(directive(csp, "sandbox")).toBe("sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox");
    expect(csp).not.toContain("allow-same-origin");
    expect(csp).not.toContain("allow-forms");
    expect(csp).not.toContain("allow-top-navigation");
    expect(directive(csp, "connect-src")).toBe(`connect-src ${SITE}/h5p/contenus/${CONTENT}/jeton/ ${SITE}/h5p/bibliotheques/`);
    expect(directive(csp, "script-src")).not.toContain("unsafe-inline");
  });

  it("inside an LMS launch (decision 048): the launch's addresses, framed by that platform's origins only, the player still opaque", async () => {
    const embedding = {
      relayUrl: "/lti/l/L1/releve",
      stateUrl: "/lti/l/L1/etat/activite",
      playerSrc: `/lti/l/L1/h5p/activite/${CONTENT}/jeu`,
      frameAncestors: ["https://moodle.example"],
    };
    const display = { largeText: false, highContrast: false };
    const host = hostDocument({ site: SITE, content: { id: CONTENT, title: "Quiz" }, user: { id: USER }, lessonId: null, finished: false, locale: "fr", display, t, embedding });
    const hostCsp = host.headers.get("Content-Security-Policy")!;
    expect(directive(hostCsp, "frame-ancestors")).toBe("frame-ancestors 'self' https://moodle.example");
    expect(directive(hostCsp, "frame-src")).toBe(`frame-src ${SITE}/lti/l/L1/h5p/activite/${CONTENT}/jeu`);
    expect(host.headers.get("X-Frame-Options")).toBeNull();
    const html = await host.text();
    expect(html).toContain(`src="/lti/l/L1/h5p/activite/${CONTENT}/jeu"`);
    expect(configOf(html, "h5p-host-config")).toMatchObject({ relayUrl: "/lti/l/L1/releve", stateUrl: "/lti/l/L1/etat/activite" });

    const player = playerDocument({ site: SITE, content: { id: CONTENT, title: "Quiz" }, token: "1800000000-abc", state: null, locale: "fr", display, embedding });
    const playerCsp = player.headers.get("Content-Security-Policy")!;
    expect(directive(playerCsp, "frame-ancestors")).toBe(`frame-ancestors ${SITE} https://moodle.example`);
    expect(directive(playerCsp, "sandbox")).toBe("sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox");
    expect(player.headers.get("X-Frame-Options")).toBeNull();
    // Outside a launch nothing changes.
    expect(hostDocument({ site: SITE, content: { id: CONTENT, title: "Quiz" }, user: { id: USER }, lessonId: null, finished: false, locale: "fr", display, t }).headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
  });

  it("escapes the title and configuration of both documents, and tells the player nothing about the learner", async () => {
    const evil = '</script><script>alert(1)</script><!--"';
    const display = { largeText: true, highContrast: false };
    const host = await hostDocument({ site: SITE, content: { id: CONTENT, title: evil }, user: { id: USER }, lessonId: null, finished: false, locale: "fr", display, t }).text();
    expect(host).not.toContain("<script>alert(1)");
    expect(host.match(/<script/g)).toHaveLength(3);
    expect(host).toMatch(/<html lang="fr" class="large-text">/);
    expect(host).toContain(`<iframe id="h5p-player" class="h5p-player" src="/h5p/jeu/${CONTENT}"`);
    expect(host).toMatch(/sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"/);
    expect(configOf(host, "h5p-host-config")).toMatchObject({ title: evil, userId: USER, contentId: CONTENT });

    const response = playerDocument({
      site: SITE,
      content: { id: CONTENT, title: evil },
      token: "1800000000-abc",
      state: '{"x":"</script>"}',
      locale: "fr",
      display: { largeText: false, highContrast: true },
    });
    const player = await response.text();
    expect(player).not.toContain("<script>alert(1)");
    expect(player.match(/<script/g)).toHaveLength(3);
    expect(player).toMatch(/<html lang="fr" class="high-contrast">/);
    expect(player).not.toContain(USER);
    const config = configOf(player, "h5p-config");
    expect(config.state).toBe('{"x":"</script>"}');
    expect(config.contentUrl).toBe(`${SITE}/h5p/contenus/${CONTENT}/jeton/1800000000-abc`);
    expect(response.headers.get("Content-Security-Policy")).toContain("sandbox allow-scripts");
  });

  it("gives the frames and the player the same addresses as the routes, byte for byte (issue 18: built with href())", async () => {
    const display = { largeText: false, highContrast: false };
    const host = await hostDocument({ site: SITE, content: { id: CONTENT, title: "T" }, user: { id: USER }, lessonId: null, finished: false, locale: "fr", display, t }).text();
    expect(configOf(host, "h5p-host-config")).toMatchObject({ relayUrl: "/h5p/releve", stateUrl: "/h5p/etat" });
    expect(host).toContain('<link rel="stylesheet" href="/h5p/lecteur/frame.css">');
    expect(host).toContain('<script src="/h5p/lecteur/host.js"></script>');
    const player = await playerDocument({ site: SITE, content: { id: CONTENT, title: "T" }, token: "1800000000-abc", state: null, locale: "en", display }).text();
    expect(configOf(player, "h5p-config")).toMatchObject({ librariesUrl: `${SITE}/h5p/bibliotheques`, playerUrl: `${SITE}/h5p/lecteur` });
    expect(hostUrl(CONTENT)).toBe(`/h5p/cadre/${CONTENT}`);
    expect(hostUrl(CONTENT, "L1")).toBe(`/h5p/cadre/${CONTENT}?lecon=L1`);
    const signedOut = await signedOutFrame(SITE, t, "fr", display, "/cours/x?y=1").text();
    expect(signedOut).toContain('<a href="/connexion?retour=%2Fcours%2Fx%3Fy%3D1" target="_top">');
  });
});
