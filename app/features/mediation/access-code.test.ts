import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, formatAccessCode, generateAccessCode, normalizeAccessCode } from "./access-code";

describe("access codes", () => {
  it("are 10 characters from the unambiguous alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateAccessCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("do not repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, generateAccessCode));
    expect(codes.size).toBe(2000);
  });

  it("are printed in two groups and read back whatever the spacing or case", () => {
    expect(formatAccessCode("K7QM2X9RTA")).toBe("K7QM2-X9RTA");
    expect(normalizeAccessCode(" k7qm2 x9rta ")).toBe("K7QM2X9RTA");
    expect(normalizeAccessCode("K7QM2-X9RTA")).toBe("K7QM2X9RTA");
  });

  it("refuse what cannot be a code", () => {
    expect(normalizeAccessCode("")).toBeNull();
    expect(normalizeAccessCode("K7QM2X9RT")).toBeNull();
    expect(normalizeAccessCode("K7QM2X9RT0")).toBeNull();
    expect(normalizeAccessCode(null)).toBeNull();
  });
});
