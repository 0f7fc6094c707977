import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it("drops accents and symbols, keeps words apart with one dash", () => {
    expect(slugify("Se protéger des arnaques !")).toBe("se-proteger-des-arnaques");
    expect(slugify("  Verrerie d'Halatte — Pont-Sainte-Maxence ")).toBe("verrerie-d-halatte-pont-sainte-maxence");
  });

  it("stops at 80 characters without a trailing dash, and falls back when nothing is left", () => {
    const slug = slugify(`${"a".repeat(79)} b`);
    expect(slug).toBe("a".repeat(79));
    expect(slugify("!!!", "lieu")).toBe("lieu");
  });
});
