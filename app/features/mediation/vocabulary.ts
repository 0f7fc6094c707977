/**
 * Codes of the mediators' activity reports (CRA), copied from
 * ../shared/standards/mediation-activity-vocabulary.json (La Coop de la
 * médiation numérique). Stored values are these codes; the French labels
 * below are the source of the `mediation` locale (`vocab.<list>.<code>`),
 * and a unit test keeps codes, labels and both locales in step.
 */
export const ACTIVITY_TYPES = { individuel: "Individuel", collectif: "Collectif" } as const;

export const PLACE_TYPES = {
  lieu_activite: "Lieu d'activité",
  domicile: "À domicile",
  a_distance: "À distance",
  autre: "Autre lieu",
} as const;

export const EQUIPMENT = {
  ordinateur: "Ordinateur",
  telephone: "Téléphone",
  tablette: "Tablette",
  autre: "Autre matériel",
  aucun: "Aucun matériel",
} as const;

export const THEMES = {
  diagnostic_numerique: "Diagnostic numérique",
  prendre_en_main_du_materiel: "Prendre en main du matériel",
  maintenance_de_materiel: "Maintenance de matériel",
  gere_ses_contenus_numeriques: "Gérer ses contenus numériques",
  navigation_sur_internet: "Navigation sur internet",
  email: "E-mail",
  bureautique: "Bureautique",
  reseaux_sociaux: "Réseaux sociaux",
  sante: "Santé",
  banque_et_achats_en_ligne: "Banque et achats en ligne",
  entrepreneuriat: "Entrepreneuriat",
  insertion_professionnelle: "Insertion professionnelle",
  securite_numerique: "Sécurité numérique",
  parentalite: "Parentalité",
  scolarite_et_numerique: "Scolarité et numérique",
  creer_avec_le_numerique: "Créer avec le numérique",
  culture_numerique: "Culture numérique",
  intelligence_artificielle: "Intelligence artificielle",
  aide_aux_demarches_administratives: "Aide aux démarches administratives",
  papiers_elections_citoyennete: "Papiers, élections, citoyenneté",
  famille_scolarite: "Famille, scolarité",
  social_sante: "Social, santé",
  travail_formation: "Travail, formation",
  logement: "Logement",
  transports_mobilite: "Transports, mobilité",
  argent_impots: "Argent, impôts",
  justice: "Justice",
  etrangers_europe: "Étrangers, Europe",
  loisirs_sports_culture: "Loisirs, sports, culture",
  associations: "Associations",
} as const;

export const AUTONOMY = {
  entierement_accompagne: "Entièrement accompagné",
  partiellement_autonome: "Partiellement autonome",
  autonome: "Autonome",
} as const;

export const REDIRECTION = {
  administration: "Administration",
  mediation_numerique: "Médiation numérique",
  operateur_ou_organisme_en_charge: "Opérateur ou organisme en charge",
  aide_sociale: "Aide sociale",
  insertion_professionnelle: "Insertion professionnelle",
  aide_aux_demarches_administratives: "Aide aux démarches administratives",
  autre: "Autre",
} as const;

export const WORKSHOP_LEVELS = { debutant: "Débutant", intermediaire: "Intermédiaire", avance: "Avancé" } as const;

export const GENDERS = { masculin: "Masculin", feminin: "Féminin", non_communique: "Non communiqué" } as const;

export const AGE_BANDS = {
  moins_de_douze: "Moins de 12 ans",
  douze_dix_huit: "12 à 18 ans",
  dix_huit_vingt_quatre: "18 à 24 ans",
  vingt_cinq_trente_neuf: "25 à 39 ans",
  quarante_cinquante_neuf: "40 à 59 ans",
  soixante_soixante_neuf: "60 à 69 ans",
  soixante_dix_plus: "70 ans et plus",
  non_communique: "Non communiqué",
} as const;

export const SOCIAL_STATUSES = {
  scolarise: "Scolarisé",
  sans_emploi: "Sans emploi",
  en_emploi: "En emploi",
  retraite: "Retraité",
  non_communique: "Non communiqué",
} as const;

/** The national lists by their key in the standards file. */
export const NATIONAL_LISTS = {
  type_activite: ACTIVITY_TYPES,
  type_lieu: PLACE_TYPES,
  materiel: EQUIPMENT,
  thematique: THEMES,
  autonomie: AUTONOMY,
  structure_de_redirection: REDIRECTION,
  niveau_atelier: WORKSHOP_LEVELS,
  genre: GENDERS,
  tranche_age: AGE_BANDS,
  statut_social: SOCIAL_STATUSES,
} as const;

export type NationalList = keyof typeof NATIONAL_LISTS;

/**
 * Not national: who an assisted account is for, matching the four audiences
 * of the learner paths. `autre` when none fits.
 */
export const LEARNER_AUDIENCES = {
  seniors: "Senior",
  jeunes: "Jeune",
  demandeurs_emploi: "Demandeur d'emploi",
  entrepreneurs: "Chef d'entreprise, indépendant",
  autre: "Autre",
} as const;

/** The age bands that describe minors: consent must come from a legal representative. */
export const MINOR_AGE_BANDS = ["moins_de_douze", "douze_dix_huit"] as const;

/** What the mediator explains before creating an assisted account; every point must be ticked. */
export const CONSENT_POINTS = {
  donnees_collectees: "Les informations enregistrées (prénom, tranche d'âge, commune, activités)",
  finalites: "À quoi elles servent (suivre son parcours, les statistiques anonymes de la communauté)",
  acces_mediateurs: "Qui peut les voir (les médiateurs qui l'accompagnent et la coordination)",
  duree_conservation: "Combien de temps elles sont gardées",
  droits: "Ses droits : voir, corriger, supprimer ses données, retirer son accord",
} as const;

/**
 * What a person with their own address or password is told before they agree
 * to also sign in with an access card (decision 036); every point is needed.
 */
export const CARD_CONSENT_POINTS = {
  carte_connexion: "Qui a la carte peut se connecter à son compte et voir ses informations",
  connexion_actuelle: "Son adresse e-mail et son mot de passe continuent de marcher",
  message_envoye: "Un message est envoyé à son adresse à chaque carte imprimée",
  carte_perdue: "Une carte perdue se désactive tout de suite, ici ou auprès de la coordination",
  retrait: "Elle peut retirer son accord à tout moment",
} as const;

export type Code<T> = keyof T & string;
export const codes = <T extends Record<string, string>>(list: T) => Object.keys(list) as [Code<T>, ...Code<T>[]];

export type ActivityType = Code<typeof ACTIVITY_TYPES>;
export type PlaceType = Code<typeof PLACE_TYPES>;
export type Theme = Code<typeof THEMES>;
export type WorkshopLevel = Code<typeof WORKSHOP_LEVELS>;
export type AgeBand = Code<typeof AGE_BANDS>;
export type LearnerAudience = Code<typeof LEARNER_AUDIENCES>;
