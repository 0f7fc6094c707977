import { z } from "zod";

const id = z.uuid({ error: "notifications:errors.not_found" });

/** The two forms of « Mes notifications ». */
export const NotificationsFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id }),
  z.object({ intent: z.literal("read-all") }),
]);

export const EMAIL_MODES = ["immediate", "digest", "never"] as const;

export const NotificationSettingsSchema = z.object({
  emailMode: z.enum(EMAIL_MODES, { error: "notifications:errors.mode_invalid" }),
});
