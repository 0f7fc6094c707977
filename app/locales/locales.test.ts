import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./en/index";
import fr from "./fr/index";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** i18next plural forms differ by language (`_one`, `_other`, `_many`…): compare the base key. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("translations", () => {
  it("have the same namespaces in French and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  for (const ns of Object.keys(fr) as (keyof typeof fr)[]) {
    it(`namespace "${ns}" has the same keys in both languages`, () => {
      const frKeys = new Set(keys(fr[ns]).map(base));
      const enKeys = new Set(keys(en[ns as keyof typeof en]).map(base));
      expect([...frKeys].filter((k) => !enKeys.has(k)), "missing in English").toEqual([]);
      expect([...enKeys].filter((k) => !frKeys.has(k)), "missing in French").toEqual([]);
    });
  }

  it("register every namespace file of the folder", () => {
    for (const [lang, bundle] of [["fr", fr], ["en", en]] as const) {
      const files = readdirSync(path.join(import.meta.dirname, lang)).filter((f) => f.endsWith(".json"));
      expect(files.map((f) => f.replace(/\.json$/, "")).sort()).toEqual(Object.keys(bundle).sort());
    }
  });

  it("have no empty strings", () => {
    for (const bundle of [fr, en]) {
      for (const [ns, strings] of Object.entries(bundle)) {
        const empty = keys(strings).filter((k) => {
          const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], strings);
          return typeof value === "string" && value.trim() === "";
        });
        expect(empty, ns).toEqual([]);
      }
    }
  });
});
