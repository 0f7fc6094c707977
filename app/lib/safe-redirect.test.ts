import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

/** How a browser resolves a Location value against our page: the check that matters. */
const landsOn = (location: string) => new URL(location, "https://passerelle.example.fr/connexion").host;

describe("safeRedirect", () => {
  it.each([
    ["/compte", "/compte"],
    ["/cours?page=2#suite", "/cours?page=2#suite"],
    ["/cours/é", "/cours/%C3%A9"],
    ["/€?q=€", "/%E2%82%AC?q=%E2%82%AC"],
    ["/a\u0001b", "/a%01b"],
    ["  /compte  ", "/compte"],
  ])("keeps a same-site path, encoded: %j → %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    "//evil.example/x",
    "https://evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example/x", // the audit's /%09/host/x once decoded
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\\\\evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "evil.example",
    "",
    null,
    undefined,
  ])("refuses %j", (input) => {
    expect(safeRedirect(input, "/accueil")).toBe("/accueil");
  });

  it("never returns anything a browser would resolve to another host, nor an invalid header value", () => {
    const tricky = ["/%09/host/x", "/%2F%2Fevil.example", "/%5Cevil.example", "/..%2F..%2F/evil", "/x/../..//evil.example", "/\u00a0/evil.example"];
    for (const input of tricky) {
      const out = safeRedirect(input);
      expect(landsOn(out)).toBe("passerelle.example.fr");
      expect(() => new Headers({ Location: out })).not.toThrow();
       
      expect(out).not.toMatch(/[^\x21-\x7e]/);
    }
  });
});
