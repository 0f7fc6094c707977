import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it, vi } from "vitest";
import { isQueryModule } from "../../eslint-rules.js";

/**
 * The style guide is executable: each fixture breaks one rule of docs/STYLE.md
 * and is linted as if it stood at the path where the rule applies.
 */
const eslint = new ESLint({ cwd: process.cwd() });

// The first lint loads the TypeScript parser and every plugin: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

async function ruleIdsFor(fixture: string, asPath: string) {
  const text = readFileSync(path.join("tests/lint/fixtures", fixture), "utf8");
  const [result] = await eslint.lintText(text, { filePath: path.resolve(asPath) });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe("lint enforces the boundaries", () => {
  it("fails a route importing a queries module", async () => {
    expect(await ruleIdsFor("route-imports-queries.tsx", "app/routes/fixture.tsx")).toContain("passerelle/boundaries");
  });
  it("fails a service building a query", async () => {
    expect(await ruleIdsFor("service-builds-query.ts", "app/features/courses/fixture.server.ts")).toContain("passerelle/queries-in-query-modules");
  });
  it("fails a domain importing another domain's queries", async () => {
    expect(await ruleIdsFor("foreign-queries.ts", "app/features/courses/fixture.server.ts")).toContain("passerelle/boundaries");
  });
  it("fails a file over 400 lines, and a route over 200", async () => {
    expect(await ruleIdsFor("too-long.ts", "app/features/courses/fixture.server.ts")).toContain("max-lines");
    expect(await ruleIdsFor("too-long-route.tsx", "app/routes/fixture.tsx")).toContain("max-lines");
  });
  it("fails a hook called conditionally", async () => {
    expect(await ruleIdsFor("hook-in-condition.tsx", "app/components/fixture.tsx")).toContain("react-hooks/rules-of-hooks");
  });
  it("passes a service reading its own domain's queries", async () => {
    expect(await ruleIdsFor("clean-service.ts", "app/features/courses/fixture.server.ts")).toEqual([]);
  });
  it("judges a queries module by its place inside app/features, not by the checkout's folder", () => {
    expect(isQueryModule("/work/queries/app/features/courses/learning.server.ts")).toBe(false);
    expect(isQueryModule("/srv/app/features/courses/queries/lessons.server.ts")).toBe(true);
    expect(isQueryModule("/srv/app/features/courses/card-queries.server.ts")).toBe(true);
    expect(isQueryModule("/srv/app/features/queries/service.server.ts")).toBe(false);
  });
});
