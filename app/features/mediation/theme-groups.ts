import { THEMES } from "./vocabulary";

export type ThemeCode = keyof typeof THEMES;

/**
 * The national list's 30 themes in three groups a mediator recognises: using
 * digital tools, everyday life online, and the administrative procedures
 * (the national list's « démarches » themes). Every code is in exactly one
 * group (a unit test checks it).
 */
export const THEME_GROUPS: Record<"digital" | "daily_life" | "procedures", readonly ThemeCode[]> = {
  digital: [
    "diagnostic_numerique",
    "prendre_en_main_du_materiel",
    "maintenance_de_materiel",
    "gere_ses_contenus_numeriques",
    "navigation_sur_internet",
    "email",
    "bureautique",
    "reseaux_sociaux",
    "securite_numerique",
    "creer_avec_le_numerique",
    "culture_numerique",
    "intelligence_artificielle",
  ],
  daily_life: ["sante", "banque_et_achats_en_ligne", "entrepreneuriat", "insertion_professionnelle", "parentalite", "scolarite_et_numerique"],
  procedures: [
    "aide_aux_demarches_administratives",
    "papiers_elections_citoyennete",
    "famille_scolarite",
    "social_sante",
    "travail_formation",
    "logement",
    "transports_mobilite",
    "argent_impots",
    "justice",
    "etrangers_europe",
    "loisirs_sports_culture",
    "associations",
  ],
};

export type ThemeGroup = keyof typeof THEME_GROUPS;

/**
 * What the form shows: the mediator's usual themes first (most used first),
 * then every group with its other themes in alphabetical order of their
 * label in the reader's language. Each theme appears once, so a checkbox is
 * never posted twice.
 */
export function themeChoices(usual: readonly string[], label: (code: ThemeCode) => string, locale: string) {
  const collator = new Intl.Collator(locale, { sensitivity: "base" });
  const known = usual.filter((c): c is ThemeCode => c in THEMES);
  const first = new Set<string>(known);
  return {
    usual: known.map((code) => ({ value: code, label: label(code) })),
    groups: (Object.keys(THEME_GROUPS) as ThemeGroup[])
      .map((group) => ({
        group,
        themes: THEME_GROUPS[group]
          .filter((code) => !first.has(code))
          .map((code) => ({ value: code, label: label(code) }))
          .sort((a, b) => collator.compare(a.label, b.label)),
      }))
      .filter((g) => g.themes.length > 0),
  };
}
