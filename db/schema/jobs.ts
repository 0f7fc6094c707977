import type { ColumnType, Generated, Selectable } from "kysely";

type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** A `date` column: UTC midnight of the day when read (app/lib/db.server.ts), a Date or "YYYY-MM-DD" when written. */
type DateOnly = ColumnType<Date, Date | string, Date | string>;

export type PartnerKind = "employer" | "employment_operator" | "training_operator" | "association";
export type JobContract = "cdi" | "cdd" | "interim" | "apprenticeship" | "internship" | "seasonal" | "freelance";
export type WorkingTime = "full_time" | "part_time";
export type JobOfferStatus = "pending" | "published" | "rejected" | "filled" | "withdrawn";
export type JobApplicationStatus = "interested" | "interview" | "not_retained" | "hired" | "withdrawn";
export type ConsentScope = "badges" | "diagnostic";

/** An employer, employment or training operator, or association of the territory (issue 20). */
export interface PartnerOrgTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: PartnerKind;
  sector: string;
  commune: string;
  commune_insee: string | null;
  business_zone: string | null;
  description: ColumnType<string, string | undefined, string>;
  website: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  archived_at: Date | null;
}

/** The accounts (role « partner ») acting for a partner organisation. */
export interface PartnerStaffTable {
  partner_id: string;
  user_id: string;
  added_at: Generated<Date>;
}

export interface JobOfferTable {
  id: Generated<string>;
  partner_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  sector: string;
  contract: JobContract;
  duration_months: number | null;
  working_time: WorkingTime;
  hours_per_week: number | null;
  commune: string;
  commune_insee: string | null;
  business_zone: string | null;
  starts_on: DateOnly | null;
  how_to_apply: string;
  /** « Accessible sans diplôme ». */
  no_diploma: ColumnType<boolean, boolean | undefined, boolean>;
  /** pending until a coordinator publishes (or rejects) it; filled / withdrawn by the partner. */
  status: ColumnType<JobOfferStatus, JobOfferStatus | undefined, JobOfferStatus>;
  /** Listed up to and including this day. */
  expires_on: DateOnly;
  moderated_by: string | null;
  moderated_at: Date | null;
  moderation_note: string | null;
  /** The partner's reference for an imported offer: unique per partner, re-import updates. */
  external_ref: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  published_at: Date | null;
}

/** A digital skill an offer needs: a PIX competence code, and the level wanted when said. */
export interface JobOfferSkillTable {
  offer_id: string;
  competence: string;
  level: number | null;
}

export interface JobSeekerProfileTable {
  user_id: string;
  sectors: TextArray;
  communes: TextArray;
  /** "walk_bike" | "bus" | "car". */
  mobility: TextArray;
  driving_licence: ColumnType<boolean, boolean | undefined, boolean>;
  available_from: DateOnly | null;
  availability: ColumnType<string, string | undefined, string>;
  /** Consent to show partners the verified badges / diagnostic levels; null = not given or revoked. */
  share_badges_since: Date | null;
  share_diagnostic_since: Date | null;
  alerts: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface JobConsentEventTable {
  id: Generated<string>;
  user_id: string;
  scope: ConsentScope;
  granted: boolean;
  at: Generated<Date>;
}

export interface JobApplicationTable {
  id: Generated<string>;
  offer_id: string;
  user_id: string;
  /** The person, or the mediator who did it with them. */
  sent_by: string | null;
  status: ColumnType<JobApplicationStatus, JobApplicationStatus | undefined, JobApplicationStatus>;
  message: ColumnType<string, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface JobApplicationEventTable {
  id: Generated<string>;
  application_id: string;
  status: string;
  note: ColumnType<string, string | undefined, string>;
  by_user_id: string | null;
  at: Generated<Date>;
}

/** A partner's staff member saw what a person shared: shown to the person. */
export interface JobDisclosureTable {
  id: Generated<string>;
  user_id: string;
  partner_id: string | null;
  viewer_id: string | null;
  application_id: string | null;
  /** What was shown: "profile", "badges", "diagnostic". */
  shown: string[];
  at: Generated<Date>;
}

export interface JobOfferAlertTable {
  offer_id: string;
  user_id: string;
  at: Generated<Date>;
}

export interface JobsTables {
  partner_org: PartnerOrgTable;
  partner_staff: PartnerStaffTable;
  job_offer: JobOfferTable;
  job_offer_skill: JobOfferSkillTable;
  job_seeker_profile: JobSeekerProfileTable;
  job_consent_event: JobConsentEventTable;
  job_application: JobApplicationTable;
  job_application_event: JobApplicationEventTable;
  job_disclosure: JobDisclosureTable;
  job_offer_alert: JobOfferAlertTable;
}

export type PartnerOrg = Selectable<PartnerOrgTable>;
export type JobOffer = Selectable<JobOfferTable>;
export type JobSeekerProfile = Selectable<JobSeekerProfileTable>;
export type JobApplication = Selectable<JobApplicationTable>;
