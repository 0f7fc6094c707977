import { describe, expect, it } from "vitest";
import { isUnreadableAddress } from "./request-guards";

describe("isUnreadableAddress", () => {
  it("lets ordinary addresses through, accents, spaces and slashes included", () => {
    for (const ok of ["/", "/cours/d%C3%A9marches", "/lieux?q=Cr%C3%A9py+en+Valois&page=2", "/h5p/contenus/abc/images/a%20b.png", "/connexion?retour=%2Fcompte", "/x?q=%E2%80%AE", "/connexion?retour=/%09/evil.example"]) {
      expect(isUnreadableAddress(ok), ok).toBe(false);
    }
  });

  it("refuses control characters in the path, NUL in the query, and broken encodings", () => {
    for (const bad of ["/cours/a%00b", "/ateliers/%0A", "/lieux?q=a%00", "/lieux?q%00=a", "/cours/%E0%A4%A", "/cours/%ED%A0%80", "/cours/%7F"]) {
      expect(isUnreadableAddress(bad), bad).toBe(true);
    }
  });
});
