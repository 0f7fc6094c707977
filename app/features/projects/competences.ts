/**
 * The PIX framework's 16 competences (France's national digital-skills
 * framework, aligned with the CRCN), copied from
 * ../shared/standards/competence-frameworks.json — a unit test keeps the two
 * in step. Levels go from 1 to 8.
 */
export const PIX_COMPETENCES = [
  { code: "1.1", fr: "Mener une recherche et une veille d'information", en: "Searching for and monitoring information" },
  { code: "1.2", fr: "Gérer des données", en: "Managing data" },
  { code: "1.3", fr: "Traiter des données", en: "Processing data" },
  { code: "2.1", fr: "Interagir", en: "Interacting" },
  { code: "2.2", fr: "Partager et publier", en: "Sharing and publishing" },
  { code: "2.3", fr: "Collaborer", en: "Collaborating" },
  { code: "2.4", fr: "S'insérer dans le monde numérique", en: "Taking part in the digital world" },
  { code: "3.1", fr: "Développer des documents textuels", en: "Developing text documents" },
  { code: "3.2", fr: "Développer des documents multimédia", en: "Developing multimedia documents" },
  { code: "3.3", fr: "Adapter les documents à leur finalité", en: "Adapting documents to their purpose" },
  { code: "3.4", fr: "Programmer", en: "Programming" },
  { code: "4.1", fr: "Sécuriser l'environnement numérique", en: "Securing the digital environment" },
  { code: "4.2", fr: "Protéger les données personnelles et la vie privée", en: "Protecting personal data and privacy" },
  { code: "4.3", fr: "Protéger la santé, le bien-être et l'environnement", en: "Protecting health, well-being and the environment" },
  { code: "5.1", fr: "Résoudre des problèmes techniques", en: "Solving technical problems" },
  { code: "5.2", fr: "Construire un environnement numérique", en: "Building a digital environment" },
] as const;

export type PixCode = (typeof PIX_COMPETENCES)[number]["code"];
export const PIX_CODES: readonly string[] = PIX_COMPETENCES.map((c) => c.code);
export const PIX_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export function isPixCode(value: unknown): value is PixCode {
  return typeof value === "string" && PIX_CODES.includes(value);
}

export function competenceLabel(code: string, locale: string): string {
  const found = PIX_COMPETENCES.find((c) => c.code === code);
  if (!found) return code;
  return `${code} ${locale === "en" ? found.en : found.fr}`;
}
