import { describe, expect, it } from "vitest";
import { claimHolds, roleAfterSignIn, roleFromClaims } from "./role-mapping";

describe("role mappings", () => {
  it("read a claim as a value or a list of values, nothing else", () => {
    expect(claimHolds("enseignant", "enseignant")).toBe(true);
    expect(claimHolds(["eleve", "enseignant"], "enseignant")).toBe(true);
    expect(claimHolds(42, "42")).toBe(true);
    expect(claimHolds("Enseignant", "enseignant")).toBe(false);
    expect(claimHolds({ role: "enseignant" }, "enseignant")).toBe(false);
    expect(claimHolds(undefined, "enseignant")).toBe(false);
  });

  it("pick the strongest matching rule", () => {
    const rules = [
      { claim: "groups", value: "profs", role: "teacher" as const },
      { claim: "groups", value: "coord", role: "coordinator" as const },
      { claim: "profile", value: "mediateur", role: "mediator" as const },
    ];
    expect(roleFromClaims(rules, { groups: ["profs", "coord"] })?.role).toBe("coordinator");
    expect(roleFromClaims(rules, { groups: "profs", profile: "mediateur" })?.role).toBe("mediator");
    expect(roleFromClaims(rules, { groups: ["eleves"] })).toBeNull();
  });

  it("take back only the role a rule gave", () => {
    expect(roleAfterSignIn("learner", null, "teacher")).toBe("teacher");
    expect(roleAfterSignIn("teacher", "teacher", null)).toBe("learner");
    expect(roleAfterSignIn("mediator", "teacher", null)).toBe("mediator");
    expect(roleAfterSignIn("coordinator", null, null)).toBe("coordinator");
  });
});
