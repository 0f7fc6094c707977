/**
 * Value lists of the national schema of digital-mediation places
 * ("Schéma des lieux de médiation numérique" v1.0.2). Stored values are the
 * schema's exact French labels, so an export is a join with `|`; `key` names
 * the English label in the `places` locale (`vocab.<field>.<key>`).
 * A unit test compares these lists with ../shared/standards/… so they cannot drift.
 */
export interface VocabularyEntry {
  value: string;
  key: string;
}

const entries = <const T extends readonly (readonly [string, string])[]>(pairs: T) =>
  pairs.map(([value, key]) => ({ value, key })) as { value: T[number][0]; key: T[number][1] }[];

export const SERVICES = entries([
  ["Aide aux démarches administratives", "admin_procedures"],
  ["Maîtrise des outils numériques du quotidien", "everyday_tools"],
  ["Insertion professionnelle via le numérique", "employment"],
  ["Utilisation sécurisée du numérique", "safe_use"],
  ["Parentalité et éducation avec le numérique", "parenting"],
  ["Loisirs et créations numériques", "leisure"],
  ["Compréhension du monde numérique", "understanding"],
  ["Accès internet et matériel informatique", "internet_access"],
  ["Acquisition de matériel informatique à prix solidaire", "affordable_equipment"],
] as const);

export const AUDIENCES = entries([
  ["Jeunes", "young"],
  ["Étudiants", "students"],
  ["Familles et/ou enfants", "families"],
  ["Seniors", "seniors"],
  ["Femmes", "women"],
] as const);

export const SPECIFIC_SUPPORT = entries([
  ["Surdité", "deafness"],
  ["Handicaps moteurs", "motor"],
  ["Handicaps mentaux", "mental"],
  ["Illettrisme", "illiteracy"],
  ["Langues étrangères (anglais)", "english"],
  ["Langues étrangères (autres)", "other_languages"],
  ["Déficience visuelle", "visual"],
] as const);

export const FEES = entries([
  ["Gratuit", "free"],
  ["Gratuit sous condition", "free_conditional"],
  ["Payant", "paid"],
] as const);

export const NATIONAL_PROGRAMMES = entries([
  ["Aidants Connect", "aidants_connect"],
  ["Bibliothèques numérique de référence", "bnr"],
  ["Certification PIX", "pix"],
  ["Conseillers numériques", "conseillers_numeriques"],
  ["Emmaüs Connect", "emmaus_connect"],
  ["France Services", "france_services"],
  ["Grande école du numérique", "gen"],
  ["La Croix Rouge", "croix_rouge"],
  ["Point d'accès numérique CAF", "caf"],
  ["Promeneurs du net", "promeneurs"],
  ["Relais numérique (Emmaüs Connect)", "relais_emmaus"],
] as const);

export const TRAINING_LABELS = entries([
  ["Formé à « Mon Espace Santé »", "mon_espace_sante"],
  ["Formé à « DUPLEX » (illettrisme)", "duplex"],
  ["Arnia/MedNum BFC (Bourgogne-Franche-Comté)", "arnia"],
  ["Collectif ressources et acteurs réemploi (Normandie)", "reemploi"],
  ["Étapes numériques(La Poste)", "etapes"],
  ["Fabriques de Territoire", "fabriques"],
  ["Les Éclaireurs du numérique (Drôme)", "eclaireurs"],
  ["Mes Papiers (Métropole de Lyon)", "mes_papiers"],
  ["ORDI 3.0", "ordi3"],
  ["SUD LABS (PACA)", "sud_labs"],
] as const);

export const ACCESS_MODALITIES = entries([
  ["Se présenter", "walk_in"],
  ["Téléphoner", "phone"],
  ["Contacter par mail", "email"],
  ["Prendre un RDV en ligne", "online_booking"],
  ["Ce lieu n'accueille pas de public", "no_public"],
  ["Envoyer un mail avec une fiche de prescription", "prescription"],
] as const);

export const ACCOMPANIMENT_MODALITIES = entries([
  ["En autonomie", "autonomous"],
  ["Accompagnement individuel", "individual"],
  ["Dans un atelier collectif", "workshop"],
  ["À distance", "remote"],
] as const);

export const ITINERANCE = entries([
  ["Itinérant", "mobile"],
  ["Fixe", "fixed"],
] as const);

/**
 * Not in the national schema: Passerelle's own lists (equipment people can
 * use on site; physical accessibility, next to the schema's acceslibre link).
 */
export const EQUIPMENT = entries([
  ["ordinateurs", "computers"],
  ["tablettes", "tablets"],
  ["imprimante", "printer"],
  ["scanner", "scanner"],
  ["wifi", "wifi"],
  ["webcam", "webcam"],
] as const);

export const ACCESSIBILITY = entries([
  ["entree_plain_pied", "step_free"],
  ["ascenseur", "lift"],
  ["toilettes_adaptees", "accessible_toilets"],
  ["stationnement_pmr", "disabled_parking"],
  ["boucle_magnetique", "hearing_loop"],
  ["grands_ecrans", "large_screens"],
] as const);

/** Multi-valued columns of relay_space and the list each one draws from. */
export const RELAY_SPACE_LISTS = {
  services: SERVICES,
  audiences: AUDIENCES,
  specific_support: SPECIFIC_SUPPORT,
  fees: FEES,
  national_programmes: NATIONAL_PROGRAMMES,
  trainings_labels: TRAINING_LABELS,
  access_modalities: ACCESS_MODALITIES,
  accompaniment_modalities: ACCOMPANIMENT_MODALITIES,
  itinerance: ITINERANCE,
  equipment: EQUIPMENT,
  accessibility: ACCESSIBILITY,
} as const;

export type RelaySpaceListField = keyof typeof RELAY_SPACE_LISTS;

export const valuesOf = (list: readonly VocabularyEntry[]) => list.map((e) => e.value) as [string, ...string[]];

/** The locale key of a stored value (`places:vocab.services.admin_procedures`). */
export function vocabKey(field: RelaySpaceListField, value: string): string {
  const entry = RELAY_SPACE_LISTS[field].find((e) => e.value === value);
  return entry ? `places:vocab.${field}.${entry.key}` : value;
}

/** Patterns of the national schema for single-valued fields. */
export const PATTERNS = {
  pivot: /^[a-zA-Z0-9]{9,14}$/,
  postalCode: /^\d{5}$/,
  inseeCode: /^([013-9]\d|2[AB1-9])\d{3}$/,
  phone: /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/,
} as const;

export const SUMMARY_MAX_LENGTH = 280;
