import type { TFunction } from "i18next";
import { NATIONAL_SCHEMA, PUBLISHER } from "./relay-spaces";

/**
 * The published datasets. File names are the stable URLs under
 * /donnees-ouvertes/ — never rename one: reusers link to them.
 */
export type DatasetId = "lieux-mediation-numerique" | "accompagnements-communes-thematiques" | "personnes-accompagnees-publics";

export interface DatasetFile {
  name: string;
  dataset: DatasetId;
  format: "csv" | "json";
}

export interface Dataset {
  id: DatasetId;
  files: DatasetFile[];
  keywords: string[];
  /** A published schema the files follow, when there is one. */
  conformsTo?: string;
  /** Activity aggregates carry the small-cell rule. */
  anonymised: boolean;
}

const files = (dataset: DatasetId): DatasetFile[] => [
  { name: `${dataset}.csv`, dataset, format: "csv" },
  { name: `${dataset}.json`, dataset, format: "json" },
];

export const DATASETS: readonly Dataset[] = [
  {
    id: "lieux-mediation-numerique",
    files: files("lieux-mediation-numerique"),
    keywords: ["médiation numérique", "inclusion numérique", "lieux"],
    conformsTo: NATIONAL_SCHEMA.uri,
    anonymised: false,
  },
  {
    id: "accompagnements-communes-thematiques",
    files: files("accompagnements-communes-thematiques"),
    keywords: ["médiation numérique", "accompagnement", "statistiques"],
    anonymised: true,
  },
  {
    id: "personnes-accompagnees-publics",
    files: files("personnes-accompagnees-publics"),
    keywords: ["médiation numérique", "publics", "statistiques"],
    anonymised: true,
  },
];

export function datasetFile(name: string): DatasetFile | null {
  for (const dataset of DATASETS) for (const file of dataset.files) if (file.name === name) return file;
  return null;
}

export const LICENCE = {
  id: "etalab-2.0",
  url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;

const MEDIA_TYPES = { csv: "text/csv", json: "application/json" } as const;

/**
 * A DCAT catalogue of the datasets, as JSON-LD (DCAT-AP vocabulary), with
 * French and English titles as language-tagged literals.
 */
export function buildCatalogue({
  origin,
  modified,
  tFr,
  tEn,
}: {
  origin: string;
  modified: Record<string, Date>;
  tFr: TFunction;
  tEn: TFunction;
}) {
  const both = (key: string) => [
    { "@value": tFr(key), "@language": "fr" },
    { "@value": tEn(key), "@language": "en" },
  ];
  const base = `${origin}/donnees-ouvertes`;
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": `${base}/catalogue.json`,
    "@type": "dcat:Catalog",
    "dct:title": both("opendata:catalogue.title"),
    "dct:description": both("opendata:catalogue.description"),
    "dct:publisher": { "@type": "foaf:Organization", "foaf:name": PUBLISHER },
    "dct:license": { "@id": LICENCE.url },
    "dct:language": [{ "@id": "http://publications.europa.eu/resource/authority/language/FRA" }],
    "foaf:homepage": { "@id": base },
    "dcat:dataset": DATASETS.map((dataset) => ({
      "@id": `${base}#${dataset.id}`,
      "@type": "dcat:Dataset",
      "dct:identifier": dataset.id,
      "dct:title": both(`opendata:datasets.${dataset.id}.title`),
      "dct:description": both(`opendata:datasets.${dataset.id}.description`),
      "dct:publisher": { "@type": "foaf:Organization", "foaf:name": PUBLISHER },
      "dct:license": { "@id": LICENCE.url },
      "dct:modified": { "@value": (modified[dataset.id] ?? new Date(0)).toISOString(), "@type": "xsd:dateTime" },
      "dct:accrualPeriodicity": { "@id": "http://purl.org/cld/freq/daily" },
      "dcat:keyword": dataset.keywords,
      ...(dataset.conformsTo ? { "dct:conformsTo": { "@id": dataset.conformsTo } } : {}),
      "dcat:landingPage": { "@id": `${base}#${dataset.id}` },
      "dcat:distribution": dataset.files.map((file) => ({
        "@id": `${base}/${file.name}`,
        "@type": "dcat:Distribution",
        "dct:title": file.name,
        "dcat:downloadURL": { "@id": `${base}/${file.name}` },
        "dcat:accessURL": { "@id": `${base}/${file.name}` },
        "dcat:mediaType": { "@id": `https://www.iana.org/assignments/media-types/${MEDIA_TYPES[file.format]}` },
        "dct:format": file.format.toUpperCase(),
        "dct:license": { "@id": LICENCE.url },
        ...(dataset.conformsTo ? { "dct:conformsTo": { "@id": dataset.conformsTo } } : {}),
      })),
    })),
  };
}
