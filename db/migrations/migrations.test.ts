import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "./index";

describe("migrations index", () => {
  it("lists every migration file of the folder, in name order", () => {
    const files = readdirSync(import.meta.dirname)
      .filter((f) => /^\d{4}-\d{2}-\d{2}.*\.ts$/.test(f) && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
