import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "../locales/resources";
import { i18nOptions, SUPPORTED_LANGUAGES } from "./i18n";
import { serverTranslation } from "./use-translation";

// The server's `t` keeps bare keys' texts and skips i18next's options copy:
// it must answer exactly what i18next's own fixed `t` answers.

function keysOf(tree: unknown, prefix = ""): string[] {
  if (!tree || typeof tree !== "object") return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const base = createInstance({ ...i18nOptions, resources, lng: "fr", initAsync: false });
void base.init();

describe("the server's t", () => {
  it.each(SUPPORTED_LANGUAGES)("gives i18next's text for every key of every namespace (%s), twice", (lng) => {
    const instance = base.cloneInstance({ lng });
    let compared = 0;
    for (const [ns, bundle] of Object.entries(resources[lng])) {
      const fixed = instance.getFixedT(null, ns);
      const t = serverTranslation(instance, ns);
      // Plural and context forms are reached through their base key with options.
      const keys = [...new Set(keysOf(bundle).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))];
      const options = { count: 2, name: "Ana", date: "1 janvier" };
      const ours = keys.map((key) => [t(key), t(key), t(key, options)]);
      const theirs = keys.map((key) => [fixed(key), fixed(key), fixed(key, options)]);
      expect(ours).toEqual(theirs);
      compared += keys.length;
    }
    expect(compared).toBeGreaterThan(500);
  }, 30_000);

  it("reads another namespace by prefix or option, and the default namespace with none", () => {
    const instance = base.cloneInstance({ lng: "en" });
    const fixed = instance.getFixedT(null, "home");
    const t = serverTranslation(instance, "home");
    expect(t("common:skip_to_content")).toBe(fixed("common:skip_to_content"));
    expect(t("skip_to_content", { ns: "common" })).toBe(fixed("skip_to_content", { ns: "common" }));
    expect(t("skip_to_content", { ns: "common" })).not.toBe("skip_to_content");
    const bare = serverTranslation(instance, null);
    expect(bare("skip_to_content")).toBe(instance.getFixedT(null, null)("skip_to_content"));
    expect(bare("missing.key", "Par défaut")).toBe("Par défaut");
  });
});
