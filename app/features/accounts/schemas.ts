import { z } from "zod";
import { profileFields } from "./profile";

// Messages are i18n keys: the server returns them, the page translates them.
const email = z
  .string({ error: "accounts:errors.email_required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "accounts:errors.email_invalid" }).max(254, { error: "accounts:errors.email_invalid" }));

export const newPassword = z
  .string({ error: "accounts:errors.password_required" })
  .min(10, { error: "accounts:errors.password_too_short" })
  .max(200, { error: "accounts:errors.password_too_long" });

const firstName = z
  .string({ error: "accounts:errors.first_name_required" })
  .trim()
  .min(1, { error: "accounts:errors.first_name_required" })
  .max(80, { error: "accounts:errors.name_too_long" });

export const SignUpSchema = z
  .object({
    firstName,
    ...profileFields,
    email,
    password: newPassword,
    passwordConfirm: z.string({ error: "accounts:errors.password_confirm_required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    error: "accounts:errors.password_mismatch",
  });

export const SignInSchema = z.object({
  email,
  password: z.string({ error: "accounts:errors.password_required" }).max(200),
  redirectTo: z.string().optional(),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "accounts:errors.password_required" }),
    password: newPassword,
    passwordConfirm: z.string({ error: "accounts:errors.password_confirm_required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    error: "accounts:errors.password_mismatch",
  });

/** The two forms of /compte, told apart by their `intent`. */
export const AccountFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("profile"), firstName, ...profileFields }),
  ChangePasswordSchema.safeExtend({ intent: z.literal("password") }),
]);

/** Deleting one's own account: the password again. */
export const DeleteAccountSchema = z.object({ password: z.string({ error: "accounts:errors.password_required" }) });

export const ResetRequestSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({
    token: z.string({ error: "accounts:errors.reset_invalid" }).min(10).max(200),
    password: newPassword,
    passwordConfirm: z.string({ error: "accounts:errors.password_confirm_required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    error: "accounts:errors.password_mismatch",
  });

export const PreferencesSchema = z.object({
  locale: z.enum(["fr", "en"], { error: "accounts:errors.locale_invalid" }).optional(),
  largeText: z.enum(["on", "off"]).optional(),
  highContrast: z.enum(["on", "off"]).optional(),
  redirectTo: z.string().optional(),
});

export const ChangeRoleSchema = z.object({
  role: z.enum(["learner", "mediator", "teacher", "coordinator"], { error: "admin:errors.role_invalid" }),
});

/** Kept here for the routes that import it from the accounts domain; the rules live in app/lib/safe-redirect.ts. */
export { safeRedirect } from "../../lib/safe-redirect";

const lastName = z
  .string()
  .trim()
  .max(80, { error: "accounts:errors.name_too_long" })
  .optional();

export const STAFF_ROLES = ["mediator", "teacher", "coordinator", "partner"] as const;

export const InviteStaffSchema = z.object({
  firstName,
  email,
  role: z.enum(STAFF_ROLES, { error: "admin:errors.role_invalid" }),
  locale: z.enum(["fr", "en"]).default("fr"),
  // The partner organisation, for the role « partner » only (issue 20).
  partnerId: z.string().max(100).optional(),
});

/** The invitations page: a new invitation, or cancelling / re-sending a pending one. */
export const InvitationIntentSchema = z.discriminatedUnion("intent", [
  InviteStaffSchema.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("cancel"), invitationId: z.string().max(100) }),
  z.object({ intent: z.literal("resend"), invitationId: z.string().max(100) }),
]);

export const AcceptInvitationSchema = z
  .object({
    token: z.string({ error: "admin:errors.invitation_invalid" }).min(10).max(200),
    firstName,
    lastName,
    password: newPassword,
    passwordConfirm: z.string({ error: "accounts:errors.password_confirm_required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    error: "accounts:errors.password_mismatch",
  });

/** The small forms of a user's admin page, told apart by their intent. */
export const AdminUserSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("change-role"), role: ChangeRoleSchema.shape.role }),
  z.object({ intent: z.literal("end-sessions") }),
  z.object({ intent: z.literal("suspend") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("delete"), confirm: z.literal("on", { error: "admin:errors.confirm_delete" }) }),
]);
