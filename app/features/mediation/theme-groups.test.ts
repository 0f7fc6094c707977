import { describe, expect, it } from "vitest";
import en from "../../locales/en/mediation.json";
import fr from "../../locales/fr/mediation.json";
import { THEME_GROUPS, themeChoices, type ThemeCode } from "./theme-groups";
import { THEMES } from "./vocabulary";

const labels = (bundle: typeof fr) => (code: ThemeCode) => (bundle.vocab.thematique as Record<string, string>)[code]!;

describe("theme groups", () => {
  it("put every national theme in exactly one group", () => {
    const grouped = Object.values(THEME_GROUPS).flat();
    expect([...grouped].sort()).toEqual(Object.keys(THEMES).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it("alphabetise each group in the reader's language, accents and case aside", () => {
    for (const [bundle, locale] of [
      [fr, "fr"],
      [en, "en"],
    ] as const) {
      const { groups } = themeChoices([], labels(bundle), locale);
      for (const { themes } of groups) {
        const names = themes.map((t) => t.label);
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, locale, { sensitivity: "base" })));
      }
    }
    // « État » sorts with E, not after Z.
    const fr_ = themeChoices([], labels(fr), "fr").groups.find((g) => g.group === "procedures")!.themes.map((t) => t.value);
    expect(fr_.indexOf("etrangers_europe")).toBeLessThan(fr_.indexOf("famille_scolarite"));
  });

  it("put the mediator's usual themes first, in her order, and drop unknown codes", () => {
    const { usual, groups } = themeChoices(["sante", "email", "not_a_theme"], labels(fr), "fr");
    expect(usual.map((t) => t.value)).toEqual(["sante", "email"]);
    // Each theme once: the usual ones leave their group.
    const all = [...usual, ...groups.flatMap((g) => g.themes)].map((t) => t.value);
    expect([...all].sort()).toEqual(Object.keys(THEMES).sort());
  });
});
