import { describe, expect, it } from "vitest";
import { currentSchoolYear, isUnderConsentAge, parseBirthDate, todayInParis } from "./dates";
import { formatJoinCode, generateJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from "./join-code";

describe("consent age", () => {
  it("lifts on the 15th birthday, not before", () => {
    expect(isUnderConsentAge("2012-03-10", "2027-03-09")).toBe(true);
    expect(isUnderConsentAge("2012-03-10", "2027-03-10")).toBe(false);
    expect(isUnderConsentAge("2008-01-01", "2026-11-29")).toBe(false);
    // Born on 29 February: 15 on 1 March of a common year.
    expect(isUnderConsentAge("2012-02-29", "2027-02-28")).toBe(true);
    expect(isUnderConsentAge("2012-02-29", "2027-03-01")).toBe(false);
  });
  it("uses the Paris calendar day", () => {
    expect(todayInParis(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});

describe("parseBirthDate", () => {
  const today = "2026-11-29";
  it.each([
    ["12/03/2013", "2013-03-12"],
    ["1/9/2012", "2012-09-01"],
    ["2013-03-12", "2013-03-12"],
    ["12.03.2013", "2013-03-12"],
    [" 12-03-2013 ", "2013-03-12"],
  ])("reads %s", (input, expected) => expect(parseBirthDate(input, today)).toBe(expected));
  it.each(["31/02/2013", "2013/03/12", "demain", "", "12/03/13", "01/01/2030", "01/01/1900", "01/01/2025"])(
    "refuses %s",
    (input) => expect(parseBirthDate(input, today)).toBeNull(),
  );
});

describe("school year", () => {
  it("starts in August/September", () => {
    expect(currentSchoolYear("2026-11-29")).toBe("2026-2027");
    expect(currentSchoolYear("2027-05-02")).toBe("2026-2027");
    expect(currentSchoolYear("2027-08-25")).toBe("2027-2028");
  });
});

describe("join codes", () => {
  it("are 8 unambiguous characters and read back in any form", () => {
    for (let i = 0; i < 50; i++) {
      const code = generateJoinCode();
      expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{8}$`));
      expect(normalizeJoinCode(formatJoinCode(code).toLowerCase())).toBe(code);
    }
    expect(normalizeJoinCode("ABCD-EFG0")).toBeNull();
    expect(normalizeJoinCode("ABC")).toBeNull();
  });
});
