import type { Audience, CourseLevel } from "../../../db/schema/courses";

// Closed lists of course metadata. The migration holds the same lists as
// check constraints; vocabulary.test.ts compares them with ../shared/standards.

export const AUDIENCES: readonly Audience[] = ["seniors", "youth", "job_seekers", "business_owners", "everyone"];
export const LEVELS: readonly CourseLevel[] = ["debutant", "intermediaire", "avance"];

/** `thematique` codes of the national mediation-activity vocabulary. */
export const THEMES = [
  "diagnostic_numerique",
  "prendre_en_main_du_materiel",
  "maintenance_de_materiel",
  "gere_ses_contenus_numeriques",
  "navigation_sur_internet",
  "email",
  "bureautique",
  "reseaux_sociaux",
  "sante",
  "banque_et_achats_en_ligne",
  "entrepreneuriat",
  "insertion_professionnelle",
  "securite_numerique",
  "parentalite",
  "scolarite_et_numerique",
  "creer_avec_le_numerique",
  "culture_numerique",
  "intelligence_artificielle",
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
] as const;
export type Theme = (typeof THEMES)[number];

/** PIX competences (the French framework, aligned with DigComp). */
export const PIX_COMPETENCES = [
  "1.1", "1.2", "1.3",
  "2.1", "2.2", "2.3", "2.4",
  "3.1", "3.2", "3.3", "3.4",
  "4.1", "4.2", "4.3",
  "5.1", "5.2",
] as const;
export type PixCompetence = (typeof PIX_COMPETENCES)[number];

/** i18n key of a PIX competence label (`courses:pix.1_1`). */
export const pixKey = (code: string) => `pix.${code.replace(".", "_")}`;
