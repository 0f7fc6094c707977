import { z } from "zod";
import { SignInSchema } from "../accounts/schemas";
import { AccessCardSignInSchema } from "../mediation/schemas";
import { MAPPED_ROLES } from "./role-mapping";

const firstName = z
  .string({ error: "accounts:errors.first_name_required" })
  .trim()
  .min(1, { error: "accounts:errors.first_name_required" })
  .max(80, { error: "accounts:errors.name_too_long" });

/** The button of a provider: where to come back afterwards. */
export const StartSignInSchema = z.object({
  redirectTo: z.string().max(2000).optional(),
  intent: z.enum(["sign-in", "link"]).default("sign-in"),
});

/** « Créer mon compte » or « J'ai déjà un compte » (password or access card) after a first sign-in. */
export const PendingChoiceSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), firstName }),
  z.object({
    intent: z.literal("link-password"),
    email: SignInSchema.shape.email,
    password: SignInSchema.shape.password,
  }),
  z.object({ intent: z.literal("link-card"), code: AccessCardSignInSchema.shape.code }),
]);

export const SignInMethodsSchema = z.object({ intent: z.literal("unlink"), providerId: z.string().max(40) });

const claimName = z
  .string({ error: "oidc:errors.claim_required" })
  .trim()
  .min(1, { error: "oidc:errors.claim_required" })
  .max(100, { error: "oidc:errors.claim_too_long" })
  .regex(/^[A-Za-z0-9_.:\-/]+$/, { error: "oidc:errors.claim_invalid" });

export const RoleMappingFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    providerId: z.string({ error: "oidc:errors.unknown_provider" }).max(40),
    claim: claimName,
    value: z.string({ error: "oidc:errors.value_required" }).trim().min(1, { error: "oidc:errors.value_required" }).max(200, { error: "oidc:errors.value_too_long" }),
    role: z.enum(MAPPED_ROLES, { error: "oidc:errors.role_required" }),
  }),
  z.object({ intent: z.literal("remove"), mappingId: z.string().max(40) }),
]);

export type RoleMappingInput = Extract<z.infer<typeof RoleMappingFormSchema>, { intent: "add" }>;
