import { z } from "zod";
import { manyOf } from "../mediation/lists";
import { SECTORS } from "./schemas-offers";

// Messages are i18n keys: the server returns them, the page translates them.
const E = (key: string) => ({ error: `jobseekers:errors.${key}` });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (key: string) => z.string(E(key)).regex(UUID, E(key));
/** The person the page is about, when a mediator fills it in with them. */
const learnerId = z.string().regex(UUID, E("person_not_found")).optional();

/** The sectors of the offers: a profile names the ones wanted. */
export const SEEKER_SECTORS = SECTORS;
export const MOBILITY = ["walk_bike", "bus", "car"] as const;
export const CONSENT_SCOPES = ["badges", "diagnostic"] as const;
export const ANSWERS = ["interview", "not_retained", "hired"] as const;

/** Communes, one per line or separated by commas; at most 12, each a plain name. */
const communes = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? "").split(/[\n,;]/).map((c) => c.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(80, E("commune_too_long"))).min(1, E("communes_required")).max(12, E("too_many_communes")));

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  learnerId,
  sectors: manyOf(SEEKER_SECTORS, "jobseekers:errors.sector_invalid", { min: 1, minKey: "jobseekers:errors.sectors_required" }),
  communes,
  mobility: manyOf(MOBILITY, "jobseekers:errors.mobility_invalid"),
  drivingLicence: z.boolean().optional().default(false),
  availableFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, E("date_invalid"))
    .optional()
    .transform((v) => v ?? null),
  availability: z.string().trim().max(300, E("availability_too_long")).optional().default(""),
  alerts: z.boolean().optional().default(false),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const ConsentSchema = z.object({
  intent: z.literal("consent"),
  learnerId,
  scope: z.enum(CONSENT_SCOPES, E("scope_invalid")),
  granted: z.enum(["yes", "no"], E("scope_invalid")).transform((v) => v === "yes"),
});
export type ConsentInput = z.infer<typeof ConsentSchema>;

export const WithdrawSchema = z.object({ intent: z.literal("withdraw"), learnerId, applicationId: id("application_not_found") });
export const UnfollowSchema = z.object({ intent: z.literal("unfollow"), learnerId, offerId: id("offer_not_found") });

/** « Mon projet professionnel »: the profile, consent, withdrawing an application, leaving a path. */
export const ProjectPageSchema = z.discriminatedUnion("intent", [ProfileSchema, ConsentSchema, WithdrawSchema, UnfollowSchema]);

/** The offer's path page: interest, follow. */
export const OfferPathSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("interest"), learnerId, message: z.string().trim().max(1000, E("message_too_long")).optional().default("") }),
  z.object({ intent: z.literal("follow"), learnerId }),
  z.object({ intent: z.literal("unfollow"), learnerId }),
]);

/** Partner staff: see what an applicant shared, answer them. */
export const ApplicantsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("view"), applicationId: id("application_not_found") }),
  z.object({
    intent: z.literal("answer"),
    applicationId: id("application_not_found"),
    status: z.enum(ANSWERS, E("answer_required")),
    note: z.string().trim().max(1000, E("note_too_long")).optional().default(""),
  }),
]);
export type AnswerInput = Extract<z.infer<typeof ApplicantsSchema>, { intent: "answer" }>;
