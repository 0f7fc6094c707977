import { describe, expect, it } from "vitest";
import { can, isStaff } from "./permissions";

describe("can", () => {
  it("refuses everything to a visitor", () => {
    expect(can(null, "read:profile:own")).toBe(false);
  });
  it("gives coordinators everything", () => {
    expect(can({ role: "coordinator" }, "manage:user:any")).toBe(true);
  });
  it("does not let a learner manage users", () => {
    expect(can({ role: "learner" }, "manage:user:any")).toBe(false);
    expect(can({ role: "learner" }, "read:profile:own")).toBe(true);
  });
  it("does not turn `own` into `any`", () => {
    expect(can({ role: "mediator" }, "update:course:own")).toBe(true);
    expect(can({ role: "mediator" }, "update:course:any")).toBe(false);
  });
  it("knows who is staff", () => {
    expect(isStaff({ role: "learner" })).toBe(false);
    expect(isStaff({ role: "teacher" })).toBe(true);
  });
});
