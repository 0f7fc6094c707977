import { z } from "zod";
import { isUuid } from "../../lib/ids";
import { manyOf } from "../mediation/lists";
import { validateOpeningHours } from "./opening-hours";
import { PATTERNS, RELAY_SPACE_LISTS, SUMMARY_MAX_LENGTH, valuesOf, type RelaySpaceListField } from "./vocabulary";

// Messages are i18n keys: the server returns them, the page translates them.
const E = (key: string) => ({ error: `places:errors.${key}` });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, E("too_long"))
    .optional()
    .transform((v) => (v ? v : null));

/** A multi-valued field: every ticked value must be in the list (the national one where it exists). */
const listOf = (field: RelaySpaceListField) => manyOf(valuesOf(RELAY_SPACE_LISTS[field]), "places:errors.value_not_in_list");

/** "03 44 72 05 10" → "+33344720510", the national schema's form. */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s.\-()]/g, "");
  return /^0\d{9}$/.test(compact) ? `+33${compact.slice(1)}` : compact;
}

/** One value per line (or separated by commas/semicolons), blanks dropped. */
const lines = (item: z.ZodType<string, string>, max = 5) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, E("too_many")));

const coordinate = (min: number, max: number) => z.number(E("coordinate_invalid")).min(min, E("coordinate_invalid")).max(max, E("coordinate_invalid")).optional();

export const RelaySpaceSchema = z.object({
  name: z.string(E("name_required")).trim().min(2, E("name_required")).max(200, E("too_long")),
  pivot: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\s/g, "") : null))
    .refine((v) => v === null || PATTERNS.pivot.test(v), E("pivot_invalid")),
  address: z.string(E("address_required")).trim().min(2, E("address_required")).max(300, E("too_long")),
  addressComplement: optionalText(300),
  commune: z.string(E("commune_required")).trim().min(1, E("commune_required")).max(100, E("too_long")),
  postalCode: z.string(E("postal_code_invalid")).trim().regex(PATTERNS.postalCode, E("postal_code_invalid")),
  inseeCode: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || PATTERNS.inseeCode.test(v), E("insee_invalid")),
  latitude: coordinate(-90, 90),
  longitude: coordinate(-180, 180),
  phone: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? normalizePhone(v) : null))
    .refine((v) => v === null || PATTERNS.phone.test(v), E("phone_invalid")),
  emails: lines(z.email(E("email_invalid"))),
  websites: lines(z.url({ protocol: /^https?$/, ...E("url_invalid") })),
  openingHours: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const result = validateOpeningHours(v);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: "places:errors.opening_hours_invalid" });
        return z.NEVER;
      }
      return result.normalized;
    }),
  summary: optionalText(SUMMARY_MAX_LENGTH),
  description: optionalText(5000),
  typology: lines(z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, E("typology_invalid")), 10),
  parentStructure: optionalText(200),
  otherTrainingsLabels: optionalText(300),
  accessibilityUrl: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.url({ protocol: /^https?$/, ...E("url_invalid") }).nullable()),
  bookingUrl: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.url({ protocol: /^https?$/, ...E("url_invalid") }).nullable()),
  services: listOf("services"),
  audiences: listOf("audiences"),
  specificSupport: listOf("specific_support"),
  fees: listOf("fees"),
  nationalProgrammes: listOf("national_programmes"),
  trainingsLabels: listOf("trainings_labels"),
  accessModalities: listOf("access_modalities"),
  accompanimentModalities: listOf("accompaniment_modalities"),
  itinerance: listOf("itinerance"),
  equipment: listOf("equipment"),
  accessibility: listOf("accessibility"),
});

export type RelaySpaceInput = z.infer<typeof RelaySpaceSchema>;

/** The form's list fields and the column each one fills. */
export const LIST_FIELDS: { name: keyof RelaySpaceInput; list: RelaySpaceListField }[] = [
  { name: "services", list: "services" },
  { name: "audiences", list: "audiences" },
  { name: "specificSupport", list: "specific_support" },
  { name: "fees", list: "fees" },
  { name: "accessModalities", list: "access_modalities" },
  { name: "accompanimentModalities", list: "accompaniment_modalities" },
  { name: "equipment", list: "equipment" },
  { name: "accessibility", list: "accessibility" },
  { name: "itinerance", list: "itinerance" },
  { name: "nationalProgrammes", list: "national_programmes" },
  { name: "trainingsLabels", list: "trainings_labels" },
];

export const DirectoryFilterSchema = z.object({
  commune: z.string().trim().max(100).optional().catch(undefined),
  service: z.enum(valuesOf(RELAY_SPACE_LISTS.services)).optional().catch(undefined),
  openNow: z.literal("1").optional().catch(undefined),
});

/** « Archiver » / « Rétablir » on the places list. */
export const ArchiveSpaceSchema = z.object({
  intent: z.enum(["archive", "restore"], E("not_found")),
  id: z.string(E("not_found")).refine(isUuid, E("not_found")),
});
