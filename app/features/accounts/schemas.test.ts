import { describe, expect, it } from "vitest";
import { safeRedirect, SignUpSchema } from "./schemas";

describe("safeRedirect", () => {
  it.each([
    ["/compte", "/compte"],
    ["/cours?page=2", "/cours?page=2"],
    ["//evil.example/x", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("SignUpSchema", () => {
  it("normalises the email and checks the confirmation", () => {
    const ok = SignUpSchema.safeParse({
      firstName: " Josiane ",
      email: " Josiane@Exemple.FR ",
      password: "une phrase assez longue",
      passwordConfirm: "une phrase assez longue",
    });
    expect(ok.success && ok.data).toMatchObject({ firstName: "Josiane", email: "josiane@exemple.fr" });
    const mismatch = SignUpSchema.safeParse({
      firstName: "J",
      email: "j@exemple.fr",
      password: "une phrase assez longue",
      passwordConfirm: "autre chose encore",
    });
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues[0]).toMatchObject({ path: ["passwordConfirm"], message: "accounts:errors.password_mismatch" });
  });
});
