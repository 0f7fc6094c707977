import type { RelaySpace } from "../../../db/schema/places";
import { STANDARD_CSV, toCsv } from "../../lib/csv";

/**
 * Relay spaces in the national open-data schema of digital-mediation places
 * ("Schéma des lieux de médiation numérique" v1.0.2, Frictionless table
 * schema). Column names and order are the schema's; multi-valued cells join
 * the schema's exact labels with `|`. A conformance test validates our CSV
 * and the schema's own example file against ../shared/standards/….
 */
export const NATIONAL_SCHEMA = {
  name: "standard-mediation-num",
  version: "v1.0.2",
  uri: "https://raw.githubusercontent.com/LaMednum/standard-mediation-num/v1.0.2/schema.json",
} as const;

export const NATIONAL_FIELDS = [
  "id",
  "pivot",
  "nom",
  "commune",
  "code_postal",
  "code_insee",
  "adresse",
  "complement_adresse",
  "latitude",
  "longitude",
  "typologie",
  "telephone",
  "courriels",
  "site_web",
  "horaires",
  "presentation_resume",
  "presentation_detail",
  "source",
  "itinerance",
  "structure_parente",
  "date_maj",
  "services",
  "publics_specifiquement_adresses",
  "prise_en_charge_specifique",
  "frais_a_charge",
  "dispositif_programmes_nationaux",
  "formations_labels",
  "autres_formations_labels",
  "modalites_acces",
  "modalites_accompagnement",
  "fiche_acces_libre",
  "prise_rdv",
] as const;

export type NationalField = (typeof NATIONAL_FIELDS)[number];
/** One place, every field as the text of its CSV cell ("" when empty). */
export type NationalRecord = Record<NationalField, string>;

/**
 * `pivot` is required and must match ^[a-zA-Z0-9]{9,14}$. A space whose
 * SIRET/RNA nobody has recorded is published with fourteen zeros: it passes
 * the pattern, cannot be mistaken for a real establishment, and is the
 * placeholder the national cartography treats as "unknown" (see
 * docs/decisions — open data). `id` stays unique either way.
 */
export const PIVOT_UNKNOWN = "00000000000000";

/** The structure that collects and publishes the data (`source`). */
export const PUBLISHER = "Communauté de communes des Pays d'Oise et d'Halatte";

const PHONE = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/;

/**
 * The schema wants +33… without spaces or the trunk zero. Numbers typed the
 * French way ("03 44 72 05 10") are converted; anything that still does not
 * fit is left out (the field is optional) rather than published invalid.
 */
export function nationalPhone(phone: string | null): string {
  if (!phone) return "";
  let compact = phone.replace(/[\s.\-()]/g, "");
  if (/^00\d+$/.test(compact)) compact = `+${compact.slice(2)}`;
  if (/^0\d{9}$/.test(compact)) compact = `+33${compact.slice(1)}`;
  compact = compact.replace(/^\+33 ?0/, "+33");
  return PHONE.test(compact) ? compact : "";
}

const joined = (values: readonly string[] | null | undefined) =>
  (values ?? []).map((v) => v.trim()).filter((v) => v.length > 0 && !v.includes("|")).join("|");

const number = (value: number | null) => (value === null || !Number.isFinite(value) ? "" : String(value));

/** YYYY-MM-DD of a timestamp, in the community's time zone. */
export function parisDate(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

export type ExportableSpace = Pick<
  RelaySpace,
  | "id"
  | "pivot"
  | "name"
  | "commune"
  | "postal_code"
  | "insee_code"
  | "address"
  | "address_complement"
  | "latitude"
  | "longitude"
  | "typology"
  | "phone"
  | "emails"
  | "websites"
  | "opening_hours"
  | "summary"
  | "description"
  | "itinerance"
  | "parent_structure"
  | "services"
  | "audiences"
  | "specific_support"
  | "fees"
  | "national_programmes"
  | "trainings_labels"
  | "other_trainings_labels"
  | "access_modalities"
  | "accompaniment_modalities"
  | "accessibility_url"
  | "booking_url"
  | "updated_at"
>;

export function toNationalRecord(space: ExportableSpace): NationalRecord {
  const text = (v: string | null | undefined) => (v ?? "").trim();
  return {
    id: space.id,
    pivot: space.pivot && /^[a-zA-Z0-9]{9,14}$/.test(space.pivot) ? space.pivot : PIVOT_UNKNOWN,
    nom: text(space.name),
    commune: text(space.commune),
    code_postal: text(space.postal_code),
    code_insee: text(space.insee_code),
    adresse: text(space.address),
    complement_adresse: text(space.address_complement),
    latitude: number(space.latitude),
    longitude: number(space.longitude),
    typologie: joined(space.typology),
    telephone: nationalPhone(space.phone),
    courriels: joined(space.emails),
    site_web: joined(space.websites),
    horaires: text(space.opening_hours),
    presentation_resume: text(space.summary),
    presentation_detail: text(space.description),
    source: PUBLISHER,
    itinerance: joined(space.itinerance),
    structure_parente: text(space.parent_structure),
    date_maj: parisDate(new Date(space.updated_at)),
    services: joined(space.services),
    publics_specifiquement_adresses: joined(space.audiences),
    prise_en_charge_specifique: joined(space.specific_support),
    frais_a_charge: joined(space.fees),
    dispositif_programmes_nationaux: joined(space.national_programmes),
    formations_labels: joined(space.trainings_labels),
    autres_formations_labels: text(space.other_trainings_labels),
    modalites_acces: joined(space.access_modalities),
    modalites_accompagnement: joined(space.accompaniment_modalities),
    fiche_acces_libre: text(space.accessibility_url),
    prise_rdv: text(space.booking_url),
  };
}

/**
 * RFC 4180 CSV, every cell quoted as in the schema's example file, UTF-8
 * without BOM (machines read it; a BOM would glue itself to "id"). Values the
 * schema's patterns require verbatim ("+33344720510", "-1.5") are plain
 * numbers to a spreadsheet and pass as they are; free text that would run as
 * a formula gets the leading apostrophe (decision 022).
 */
export function nationalCsv(records: readonly NationalRecord[]): string {
  return toCsv([[...NATIONAL_FIELDS], ...records.map((record) => NATIONAL_FIELDS.map((f) => record[f]))], { ...STANDARD_CSV, quoteAllText: true });
}

/**
 * The same records as JSON: every field of the schema, in order; numbers as
 * JSON numbers, empty optional fields as null, multiple values still joined
 * with `|` so that the JSON and the CSV say exactly the same thing.
 */
export function nationalJson(records: readonly NationalRecord[]) {
  return records.map((record) => {
    const out: Record<string, string | number | null> = {};
    for (const field of NATIONAL_FIELDS) {
      const value = record[field];
      if (value === "") out[field] = null;
      else if (field === "latitude" || field === "longitude") out[field] = Number(value);
      else out[field] = value;
    }
    return out;
  });
}
