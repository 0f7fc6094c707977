import { z } from "zod";

/** The coordinator's form to issue LRS credentials. */
export const IssueCredentialSchema = z.object({
  intent: z.literal("issue"),
  label: z.string({ error: "xapi:admin.errors.label_required" }).trim().min(1, "xapi:admin.errors.label_required").max(100, "xapi:admin.errors.label_too_long"),
  scopes: z
    .array(z.enum(["statements/write", "statements/read", "statements/read/mine", "all/read", "all"]), { error: "xapi:admin.errors.scopes_required" })
    .min(1, "xapi:admin.errors.scopes_required"),
});

export const RevokeCredentialSchema = z.object({ intent: z.literal("revoke"), credentialId: z.string().uuid() });
