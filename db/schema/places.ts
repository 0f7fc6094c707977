import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** text[] column with a `{}` default: optional when inserting. */
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;

/**
 * A relay space ("lieu de médiation numérique"). Columns follow the national
 * schema v1.0.2; multi-valued fields are text arrays holding the schema's
 * exact labels.
 */
export interface RelaySpaceTable {
  id: Generated<string>;
  slug: string;
  pivot: string | null;
  name: string;
  commune: string;
  postal_code: string;
  insee_code: string | null;
  address: string;
  address_complement: string | null;
  latitude: number | null;
  longitude: number | null;
  typology: TextArray;
  phone: string | null;
  emails: TextArray;
  websites: TextArray;
  opening_hours: string | null;
  summary: string | null;
  description: string | null;
  itinerance: TextArray;
  parent_structure: string | null;
  services: TextArray;
  audiences: TextArray;
  specific_support: TextArray;
  fees: TextArray;
  national_programmes: TextArray;
  trainings_labels: TextArray;
  other_trainings_labels: string | null;
  access_modalities: TextArray;
  accompaniment_modalities: TextArray;
  accessibility_url: string | null;
  booking_url: string | null;
  equipment: TextArray;
  /** Passerelle's own list (step-free entrance, hearing loop…), next to the acceslibre link. */
  accessibility: TextArray;
  /** Archived spaces leave the directory; past workshops and log entries keep pointing at them. */
  archived_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlacesTables {
  relay_space: RelaySpaceTable;
}

export type RelaySpace = Selectable<RelaySpaceTable>;
export type NewRelaySpace = Insertable<RelaySpaceTable>;
