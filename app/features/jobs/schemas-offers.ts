import { z } from "zod";
import type { JobContract, PartnerKind, WorkingTime } from "../../../db/schema/jobs";
import { PIX_COMPETENCES } from "../courses/vocabulary";

// Messages are i18n keys: the server returns them, the page translates them.
const E = (key: string) => ({ error: `jobs:errors.${key}` });

export const PARTNER_KINDS = ["employer", "employment_operator", "training_operator", "association"] as const satisfies readonly PartnerKind[];
export const CONTRACTS = ["cdi", "cdd", "interim", "apprenticeship", "internship", "seasonal", "freelance"] as const satisfies readonly JobContract[];
export const WORKING_TIMES = ["full_time", "part_time"] as const satisfies readonly WorkingTime[];
/**
 * Sectors of the territory's five business zones (the roadmap's axis III.4
 * names industry, building, crafts, services, R&D and retail), plus the
 * public and care jobs the employment operators advertise.
 */
export const SECTORS = [
  "industry",
  "building",
  "crafts",
  "services",
  "research",
  "retail",
  "logistics",
  "hospitality",
  "care",
  "agriculture",
  "public",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const PIX_CODES: readonly string[] = PIX_COMPETENCES;
/** A competence with its optional PIX level: "4.1" or "4.1:3". */
const SKILL = /^([1-5]\.[1-4])(?::([1-8]))?$/;

export interface OfferSkill {
  competence: string;
  level: number | null;
}

/** "2.1:3, 4.1" (or the checkboxes' values) → skills; null when one is not a PIX competence. */
export function parseSkills(values: readonly string[]): OfferSkill[] | null {
  const skills = new Map<string, OfferSkill>();
  for (const raw of values.flatMap((v) => v.split(/[\s,;|]+/)).filter(Boolean)) {
    const m = SKILL.exec(raw.trim());
    if (!m || !PIX_CODES.includes(m[1]!)) return null;
    skills.set(m[1]!, { competence: m[1]!, level: m[2] ? Number(m[2]) : null });
  }
  return [...skills.values()].sort((a, b) => a.competence.localeCompare(b.competence));
}

const text = (max: number, required: string) => z.string(E(required)).trim().min(1, E(required)).max(max, E("too_long"));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, E("too_long"))
    .optional()
    .transform((v) => v || null);
const optionalInt = (min: number, max: number, key: string) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return null;
      const n = typeof v === "number" ? v : Number(v.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `jobs:errors.${key}` });
        return z.NEVER;
      }
      return n;
    });
const isoDate = (key: string) =>
  z
    .string(E(key))
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, E(key))
    .refine((v) => !Number.isNaN(Date.parse(v)), E(key));
const yes = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || (typeof v === "string" && /^(on|1|true|oui|yes|x)$/i.test(v.trim())));

const OfferFields = z.object({
  title: text(160, "title_required"),
  description: z.string().trim().max(5000, E("too_long")).optional().default(""),
  sector: z.enum(SECTORS, E("sector_invalid")),
  contract: z.enum(CONTRACTS, E("contract_invalid")),
  durationMonths: optionalInt(1, 60, "duration_invalid"),
  workingTime: z.enum(WORKING_TIMES, E("working_time_invalid")),
  hoursPerWeek: optionalInt(1, 48, "hours_invalid"),
  commune: text(100, "commune_required"),
  businessZone: optionalText(100),
  startsOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), E("date_invalid")),
  howToApply: text(1000, "how_to_apply_required"),
  noDiploma: yes,
  expiresOn: isoDate("expires_invalid"),
  // The form posts one select per competence; conform turns the empty ones into undefined holes.
  skills: z
    .union([z.array(z.string().optional()), z.string()])
    .optional()
    .transform((v, ctx) => {
      const skills = parseSkills((Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string"));
      if (!skills) {
        ctx.addIssue({ code: "custom", message: "jobs:errors.skill_invalid" });
        return z.NEVER;
      }
      return skills;
    }),
});

/** A contract for a time says how long. */
const durationSaid = (v: { contract: string; durationMonths: number | null }) =>
  !["cdd", "interim", "apprenticeship", "internship", "seasonal"].includes(v.contract) || v.durationMonths !== null;
const DURATION_REQUIRED = {
  path: ["durationMonths"],
  error: "jobs:errors.duration_required",
};

/** Every imported row once its columns are read (and the form, below). */
export const OfferSchema = OfferFields.refine(durationSaid, DURATION_REQUIRED);
export type OfferInput = z.output<typeof OfferSchema>;

/** The partner's offer form: the fields plus the organisation when the person acts for several. */
export const OfferFormSchema = OfferFields.extend({
  partnerId: z.string().max(100).optional(),
}).refine(durationSaid, DURATION_REQUIRED);

/** The partner's space: mark an offer filled, or withdraw it. */
export const CloseOfferSchema = z.object({
  intent: z.enum(["filled", "withdrawn"]),
  offerId: z.string().max(100),
});

export const ModerationSchema = z.object({
  offerId: z.string().max(100),
  intent: z.enum(["publish", "reject"]),
  note: z.string().trim().max(1000, E("too_long")).optional().default(""),
});

export const PartnerSchema = z.object({
  name: text(160, "name_required"),
  kind: z.enum(PARTNER_KINDS, E("kind_invalid")),
  sector: z.enum(SECTORS, E("sector_invalid")),
  commune: text(100, "commune_required"),
  businessZone: optionalText(100),
  description: z.string().trim().max(3000, E("too_long")).optional().default(""),
  website: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), E("website_invalid")),
  contactEmail: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), E("email_invalid")),
  contactPhone: optionalText(40),
});
export type PartnerInput = z.output<typeof PartnerSchema>;

export const PartnerAdminSchema = z.discriminatedUnion("intent", [
  PartnerSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("restore") }),
]);

/** The public list's GET form: every filter optional, unknown values ignored. */
export const OfferFiltersSchema = z.object({
  sector: z.enum(SECTORS).optional().catch(undefined),
  commune: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  contract: z.enum(CONTRACTS).optional().catch(undefined),
  noDiploma: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
export type OfferFilters = z.output<typeof OfferFiltersSchema>;

export const ImportOffersSchema = z.object({
  pasted: z
    .string()
    .max(512 * 1024, E("too_long"))
    .optional(),
  file: z.instanceof(File).optional(),
  partnerId: z.string().max(100).optional(),
});
