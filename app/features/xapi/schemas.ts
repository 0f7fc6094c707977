import { z } from "zod";

/**
 * Every scope a coordinator can give, in the order the credentials form
 * offers them. Documents (state, profiles) need "all/read" to be read and
 * "all" to be written (decision 016).
 */
export const SCOPES = ["statements/write", "statements/read", "statements/read/mine", "all/read", "all"] as const;

/** The coordinator's form to issue LRS credentials. */
export const IssueCredentialSchema = z.object({
  intent: z.literal("issue"),
  label: z.string({ error: "xapi:admin.errors.label_required" }).trim().min(1, "xapi:admin.errors.label_required").max(100, "xapi:admin.errors.label_too_long"),
  scopes: z
    .array(z.enum(SCOPES), { error: "xapi:admin.errors.scopes_required" })
    .min(1, "xapi:admin.errors.scopes_required"),
});

export const RevokeCredentialSchema = z.object({ intent: z.literal("revoke"), credentialId: z.string().uuid() });

/** The two forms of the credentials page, told apart by their `intent`. */
export const CredentialFormSchema = z.discriminatedUnion("intent", [IssueCredentialSchema, RevokeCredentialSchema]);
