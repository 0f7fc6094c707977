import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { can, GRANTS, isStaff, PERMISSIONS, ROLES } from "./permissions";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

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

describe("the permission list", () => {
  const checked = sourceFiles("app")
    .filter((file) => !file.endsWith(path.join("lib", "permissions.ts")))
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");

  it("has every permission checked somewhere in the code (a granted one nobody checks is a grant that does nothing)", () => {
    const unchecked = PERMISSIONS.filter((permission) => !checked.includes(`"${permission}"`));
    expect(unchecked).toEqual([]);
  });

  it("grants only permissions from the list, each once", () => {
    for (const role of ROLES) {
      const grants = GRANTS[role];
      if (grants === "all") continue;
      expect(new Set(grants).size).toBe(grants.length);
      for (const permission of grants) expect(PERMISSIONS).toContain(permission);
    }
  });

  it("is compared by role nowhere else: no `role ===` outside this module", () => {
    const offenders = sourceFiles("app")
      .filter((file) => !file.endsWith(path.join("lib", "permissions.ts")))
      .filter((file) => /\b(user|actor|viewer|invited|learner)\??\.role\s*[!=]==/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
