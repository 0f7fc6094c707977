import { z } from "zod";

/** The personal feed's one form: its two buttons name the intent (anything else creates, as before). */
export const FeedFormSchema = z.object({ intent: z.enum(["create", "revoke"]).catch("create") });
