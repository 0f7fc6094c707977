import { z } from "zod";
import { newPassword } from "../accounts/schemas";
import { manyOf } from "./lists";
import {
  ACTIVITY_TYPES,
  AGE_BANDS,
  CARD_CONSENT_POINTS,
  AUTONOMY,
  CONSENT_POINTS,
  EQUIPMENT,
  GENDERS,
  LEARNER_AUDIENCES,
  MINOR_AGE_BANDS,
  PLACE_TYPES,
  REDIRECTION,
  SOCIAL_STATUSES,
  THEMES,
  codes,
} from "./vocabulary";

// Messages are i18n keys. Any value outside a national list gets the same clear message.
const E = (key: string) => ({ error: `mediation:errors.${key}` });
const NOT_IN_LIST = E("value_not_in_list");

const INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, E("too_long"))
    .optional()
    .transform((v) => v || null);

const inseeCode = z
  .string()
  .trim()
  .toUpperCase()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || INSEE.test(v), E("insee_invalid"));

/** A required single value from a list: missing and unknown get distinct messages. */
const required = <T extends Record<string, string>>(list: T, missingKey: string) =>
  z.enum(codes(list), {
    error: (issue) => (issue.input === undefined || issue.input === "" ? `mediation:errors.${missingKey}` : NOT_IN_LIST.error),
  });
/** An optional single value: empty means "not said". */
const optional = <T extends Record<string, string>>(list: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(codes(list), NOT_IN_LIST).optional());
const many = <T extends Record<string, string>>(list: T, options?: Parameters<typeof manyOf>[2]) => manyOf(codes(list), NOT_IN_LIST.error, options);

const uuid = (key: string) => z.string().regex(UUID, E(key));

export const AssistedAccountSchema = z
  .object({
    firstName: z.string(E("first_name_required")).trim().min(1, E("first_name_required")).max(80, E("too_long")),
    lastName: optionalText(80),
    ageBand: required(AGE_BANDS, "age_band_required"),
    commune: optionalText(100),
    communeInsee: inseeCode,
    audience: required(LEARNER_AUDIENCES, "audience_required"),
    givenBy: z.enum(["personne", "representant_legal"], {
      error: (issue) => (issue.input === undefined ? "mediation:errors.given_by_required" : NOT_IN_LIST.error),
    }),
    representativeName: optionalText(160),
    explained: many(CONSENT_POINTS),
    consentNotes: optionalText(1000),
    redirectTo: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    const missing = codes(CONSENT_POINTS).filter((p) => !v.explained.includes(p));
    if (missing.length > 0) ctx.addIssue({ code: "custom", path: ["explained"], message: "mediation:errors.consent_incomplete" });
    if ((MINOR_AGE_BANDS as readonly string[]).includes(v.ageBand) && v.givenBy !== "representant_legal") {
      ctx.addIssue({ code: "custom", path: ["givenBy"], message: "mediation:errors.minor_needs_representative" });
    }
    if (v.givenBy === "representant_legal" && !v.representativeName) {
      ctx.addIssue({ code: "custom", path: ["representativeName"], message: "mediation:errors.representative_name_required" });
    }
  });

export type AssistedAccountInput = z.infer<typeof AssistedAccountSchema>;

const givenBy = z.enum(["personne", "representant_legal"], {
  error: (issue) => (issue.input === undefined ? "mediation:errors.given_by_required" : NOT_IN_LIST.error),
});

/**
 * A person with their own address or password agrees to also sign in with a
 * card (decision 036): every point explained, and who agreed.
 */
export const CardConsentSchema = z
  .object({
    intent: z.literal("card_consent"),
    givenBy,
    representativeName: optionalText(160),
    explained: many(CARD_CONSENT_POINTS),
    consentNotes: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (codes(CARD_CONSENT_POINTS).some((p) => !v.explained.includes(p))) {
      ctx.addIssue({ code: "custom", path: ["explained"], message: "mediation:errors.card_consent_incomplete" });
    }
    if (v.givenBy === "representant_legal" && !v.representativeName) {
      ctx.addIssue({ code: "custom", path: ["representativeName"], message: "mediation:errors.representative_name_required" });
    }
  });

export type CardConsentInput = z.infer<typeof CardConsentSchema>;

/** The forms of a person's page: disable the card, or record their agreement to one. */
export const LearnerFileSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("revoke") }), CardConsentSchema]);

export const AccessCardSignInSchema = z.object({
  code: z.string(E("card_code_required")).trim().min(1, E("card_code_required")).max(40, E("card_code_unknown")),
});

export const AddEmailSchema = z
  .object({
    email: z
      .string({ error: "accounts:errors.email_required" })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: "accounts:errors.email_invalid" }).max(254, { error: "accounts:errors.email_invalid" })),
    password: newPassword,
    passwordConfirm: z.string({ error: "accounts:errors.password_confirm_required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "accounts:errors.password_mismatch" });

const isoDate = z
  .string(E("date_invalid"))
  .regex(/^\d{4}-\d{2}-\d{2}$/, E("date_invalid"))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)), E("date_invalid"));

export const ActivitySchema = z
  .object({
    activityType: required(ACTIVITY_TYPES, "activity_type_required"),
    activityDate: isoDate,
    durationMinutes: z.number(E("duration_invalid")).int(E("duration_invalid")).min(1, E("duration_invalid")).max(1440, E("duration_invalid")),
    placeType: required(PLACE_TYPES, "place_type_required"),
    relaySpaceId: z.preprocess((v) => (v === "" ? undefined : v), uuid("relay_space_invalid").optional()),
    placeCommune: optionalText(100),
    placeCommuneInsee: inseeCode,
    equipment: many(EQUIPMENT),
    themes: many(THEMES, { min: 1, minKey: "mediation:errors.themes_required" }),
    autonomy: optional(AUTONOMY),
    redirection: optional(REDIRECTION),
    notes: optionalText(2000),
    anonymousParticipants: z.number(E("participants_invalid")).int(E("participants_invalid")).min(0, E("participants_invalid")).max(500, E("participants_invalid")).default(0),
    // The beneficiary: a linked account, or an anonymous profile.
    learnerId: z.preprocess((v) => (v === "" ? undefined : v), uuid("learner_invalid").optional()),
    gender: optional(GENDERS),
    ageBand: optional(AGE_BANDS),
    socialStatus: optional(SOCIAL_STATUSES),
    beneficiaryCommune: optionalText(100),
  })
  .superRefine((v, ctx) => {
    if (v.placeType === "lieu_activite" && !v.relaySpaceId) {
      ctx.addIssue({ code: "custom", path: ["relaySpaceId"], message: "mediation:errors.relay_space_required" });
    }
    if ((v.placeType === "domicile" || v.placeType === "autre") && !v.placeCommune) {
      ctx.addIssue({ code: "custom", path: ["placeCommune"], message: "mediation:errors.place_commune_required" });
    }
  });

export type ActivityInput = z.infer<typeof ActivitySchema>;

export const ActivityFilterSchema = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  mediator: uuid("learner_invalid").optional().catch(undefined),
  type: z.enum(codes(ACTIVITY_TYPES)).optional().catch(undefined),
  theme: z.enum(codes(THEMES)).optional().catch(undefined),
  space: uuid("relay_space_invalid").optional().catch(undefined),
});

export type ActivityFilters = z.infer<typeof ActivityFilterSchema>;
