import { describe, expect, it } from "vitest";
import { isLimited, labelPupil, type PupilFacts } from "./people";

const today = "2026-11-29";
const young: PupilFacts = { seatId: "s1", number: 1, userId: "u1", firstName: "Léa", lastName: "Martin", birthDate: "2013-03-12", hasConsent: false };
const older: PupilFacts = { ...young, seatId: "s2", number: 2, userId: "u2", firstName: "Noé", lastName: "Petit", birthDate: "2010-01-01" };

describe("pupil labels", () => {
  it("limits an under-15 pupil until consent", () => {
    expect(isLimited(young, today)).toBe(true);
    expect(isLimited({ ...young, hasConsent: true }, today)).toBe(false);
    expect(isLimited(older, today)).toBe(false);
  });
  it("shows teachers the full name, pupils a first name, and nobody a limited pupil's name", () => {
    expect(labelPupil(young, { kind: "teacher", userId: "t" }, today).name).toBe("Léa Martin");
    expect(labelPupil(older, { kind: "pupil", userId: "u1", seatId: "s1" }, today).name).toBe("Noé");
    expect(labelPupil(young, { kind: "pupil", userId: "u2", seatId: "s2" }, today).name).toBeNull();
    expect(labelPupil({ ...young, hasConsent: true }, { kind: "pupil", userId: "u2", seatId: "s2" }, today).name).toBe("Léa");
    // Oneself, always.
    expect(labelPupil(young, { kind: "pupil", userId: "u1", seatId: "s1" }, today).name).toBe("Léa");
  });
  it("keeps a purged seat anonymous", () => {
    expect(labelPupil({ ...older, userId: null, firstName: null, lastName: null }, { kind: "teacher", userId: "t" }, today)).toEqual({
      seatId: "s2",
      number: 2,
      name: null,
    });
  });
});
