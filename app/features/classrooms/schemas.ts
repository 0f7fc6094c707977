import { z } from "zod";
import { parisWallClock } from "../../lib/paris-time";

export const DURATIONS = [30, 45, 60, 90, 120, 180] as const;

const uuid = (message: string) => z.string({ error: message }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: message });

/** `2026-12-03T14:00` typed in a datetime-local field: Paris wall-clock time. */
const parisDateTime = z
  .string({ error: "classrooms:errors.start_required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "classrooms:errors.start_invalid" })
  .transform((value, ctx) => {
    const [date, time] = value.split("T") as [string, string];
    const parsed = parisWallClock(date, time);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.reason === "dst_gap" ? "classrooms:errors.start_in_dst_gap" : "classrooms:errors.start_invalid" });
      return z.NEVER;
    }
    return parsed.instant;
  });

export const ScheduleClassSchema = z.object({
  title: z
    .string({ error: "classrooms:errors.title_required" })
    .trim()
    .min(3, { error: "classrooms:errors.title_required" })
    .max(150, { error: "classrooms:errors.title_too_long" }),
  description: z.string().trim().max(4000, { error: "classrooms:errors.description_too_long" }).optional(),
  linkedPath: z
    .string()
    .trim()
    .max(300, { error: "classrooms:errors.linked_path_invalid" })
    .regex(/^\/(?![/\\])[^\s]*$/, { error: "classrooms:errors.linked_path_invalid" })
    .optional(),
  startsAt: parisDateTime,
  durationMinutes: z.coerce
    .number({ error: "classrooms:errors.duration_invalid" })
    .refine((n) => (DURATIONS as readonly number[]).includes(n), { error: "classrooms:errors.duration_invalid" }),
  capacity: z.coerce
    .number({ error: "classrooms:errors.capacity_invalid" })
    .int({ error: "classrooms:errors.capacity_invalid" })
    .min(1, { error: "classrooms:errors.capacity_invalid" })
    .max(500, { error: "classrooms:errors.capacity_invalid" }),
  hostId: uuid("classrooms:errors.host_invalid"),
  cohostIds: z.array(uuid("classrooms:errors.cohost_invalid")).max(10, { error: "classrooms:errors.cohost_invalid" }).optional(),
  recordingEnabled: z.literal("on").optional(),
});

export type ScheduleClassInput = z.output<typeof ScheduleClassSchema>;

export const RegisterLearnerSchema = z
  .object({
    learnerId: uuid("classrooms:errors.learner_invalid").optional(),
    email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "classrooms:errors.email_invalid" })).optional(),
  })
  .refine((v) => v.learnerId || v.email, { error: "classrooms:errors.learner_required" });

/** The class page's forms, told apart by their `intent`. */
export const ClassPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("register") }),
  z.object({ intent: z.literal("unregister") }),
  // The box saying the class will be cancelled for everyone, ticked (checked here too, it holds without JavaScript).
  z.object({ intent: z.literal("cancel"), confirm: z.literal("on", { error: "classrooms:errors.confirm_cancel" }) }),
  z.object({ intent: z.literal("unregister_learner"), learnerId: z.string().default("") }),
  z
    .object({
      intent: z.literal("register_learner"),
      learnerId: uuid("classrooms:errors.learner_invalid").optional(),
      email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "classrooms:errors.email_invalid" })).optional(),
    })
    .refine((v) => v.learnerId || v.email, { error: "classrooms:errors.learner_required" }),
]);

/** What a host can do from the class page or the room. */
export const ModerationSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("grant_speech"), identity: uuid("classrooms:errors.participant_invalid") }),
  z.object({ intent: z.literal("revoke_speech"), identity: uuid("classrooms:errors.participant_invalid") }),
  z.object({
    intent: z.literal("mute_track"),
    identity: uuid("classrooms:errors.participant_invalid"),
    trackSid: z.string({ error: "classrooms:errors.track_invalid" }).regex(/^TR_[A-Za-z0-9]{1,40}$/, { error: "classrooms:errors.track_invalid" }),
  }),
  z.object({ intent: z.literal("remove"), identity: uuid("classrooms:errors.participant_invalid") }),
  z.object({ intent: z.literal("end_class") }),
  z.object({ intent: z.literal("start_recording") }),
  z.object({ intent: z.literal("stop_recording") }),
]);

export type ModerationInput = z.output<typeof ModerationSchema>;
