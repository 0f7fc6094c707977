import { z } from "zod";

export const RevokeSchema = z.object({
  intent: z.literal("revoke").default("revoke"),
  reason: z
    .string({ error: "badges:errors.reason_required" })
    .trim()
    .min(1, { error: "badges:errors.reason_required" })
    .max(300, { error: "badges:errors.reason_too_long" }),
});

export const VisibilitySchema = z.object({
  badgeId: z.string().max(64),
  showName: z.enum(["on", "off"]).default("off"),
});

export const VerifyPasteSchema = z.object({
  jwt: z
    .string({ error: "badges:errors.jwt_required" })
    .trim()
    .min(1, { error: "badges:errors.jwt_required" })
    .max(20_000, { error: "badges:errors.jwt_too_long" }),
});

export const CertificateNameSchema = z.object({
  intent: z.literal("certificate-name"),
  familyName: z.string().trim().max(80, { error: "badges:errors.family_name_too_long" }).optional(),
});

/** The verify page's two forms: the owner's certificate name, a coordinator's revocation. */
export const BadgePageSchema = z.discriminatedUnion("intent", [RevokeSchema, CertificateNameSchema]);
