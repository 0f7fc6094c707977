import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Decision records (docs/decisions/) carry a status and a date under their
// title, as the template shows, so a reader knows whether one still holds.
const DIR = path.resolve(import.meta.dirname, "../../docs/decisions");
const STATUS = /^Status: (proposed|accepted|superseded by \d{3}) · \d{4}-\d{2}-\d{2}\b.*$/m;

describe("decision records", () => {
  const records = readdirSync(DIR).filter((f) => /^\d{3}-.+\.md$/.test(f) && !f.startsWith("000-"));

  it.each(records)("%s has a status and a date", (file) => {
    const text = readFileSync(path.join(DIR, file), "utf8");
    expect(text.slice(0, 600)).toMatch(STATUS);
  });

  it("numbers each record once", () => {
    const numbers = records.map((f) => f.slice(0, 3));
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([]);
  });
});
