import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { TextArray } from "./places";

/** An access card: the secret printed on it is stored only as a SHA-256 hash. */
export interface AccessCardTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  issued_by: string | null;
  issued_at: Generated<Date>;
  /** Revoked cards are kept so that their code fails with a clear message. */
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
  /** The person's agreement the card was printed under; null for an account with no sign-in of its own. */
  consent_id: string | null;
}

/**
 * A person with their own address or password agreed to also sign in with an
 * access card (decision 036): who recorded it, when, and what was explained.
 */
export interface AccessCardConsentTable {
  id: Generated<string>;
  user_id: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
  given_by: "personne" | "representant_legal";
  representative_name: string | null;
  /** Points the staff member explained (CARD_CONSENT_POINTS codes). */
  explained: string[];
  notes: string | null;
  withdrawn_at: Date | null;
}

/** The consent of a person for whom a mediator created an account. */
export interface AssistedConsentTable {
  id: Generated<string>;
  user_id: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
  given_by: "personne" | "representant_legal";
  representative_name: string | null;
  /** Points the mediator explained (CONSENT_POINTS codes). */
  explained: string[];
  notes: string | null;
  withdrawn_at: Date | null;
}

/** One entry of a mediator's activity log (compte rendu d'activité), in the national codes. */
export interface MediationActivityTable {
  id: Generated<string>;
  mediator_id: string | null;
  activity_type: string;
  /** Calendar date in Europe/Paris. */
  activity_date: ColumnType<Date, Date | string, Date | string>;
  duration_minutes: number;
  place_type: string;
  relay_space_id: string | null;
  place_commune: string | null;
  place_commune_insee: string | null;
  equipment: TextArray;
  themes: string[];
  autonomy: string | null;
  redirection: string | null;
  notes: string | null;
  /** Collective entries: people present who are not listed as beneficiaries. */
  anonymous_participants: ColumnType<number, number | undefined, number>;
  workshop_id: string | null;
  /** Pre-filled when a one-to-one appointment is marked attended (appointments domain). */
  appointment_id: ColumnType<string | null, string | null | undefined, string | null>;
  needs_review: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A beneficiary of an entry: a linked account, or an anonymous profile. */
export interface MediationBeneficiaryTable {
  id: Generated<string>;
  activity_id: string;
  user_id: string | null;
  gender: string | null;
  age_band: string | null;
  social_status: string | null;
  commune: string | null;
  commune_insee: string | null;
}

export interface MediationTables {
  access_card: AccessCardTable;
  access_card_consent: AccessCardConsentTable;
  assisted_consent: AssistedConsentTable;
  mediation_activity: MediationActivityTable;
  mediation_beneficiary: MediationBeneficiaryTable;
}

export type AccessCard = Selectable<AccessCardTable>;
export type MediationActivity = Selectable<MediationActivityTable>;
export type NewMediationActivity = Insertable<MediationActivityTable>;
export type MediationBeneficiary = Selectable<MediationBeneficiaryTable>;
