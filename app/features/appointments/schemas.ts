import { z } from "zod";
import { manyOf } from "../mediation/lists";
import { MODES, REASON_CODES } from "./reasons";

const E = (key: string) => ({ error: `appointments:errors.${key}` });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (key: string) => z.string(E(key)).regex(UUID, E(key));
const time = z.string(E("time_invalid")).regex(/^([01]\d|2[0-3]):[0-5]\d$/, E("time_invalid"));
// A phone for SMS reminders: digits, spaces, dots, dashes, a leading +.
const phone = z
  .string()
  .trim()
  .max(30, E("phone_invalid"))
  .regex(/^(\+?[\d .-]{6,})?$/, E("phone_invalid"))
  .optional()
  .transform((v) => v || null);
const reason = z.enum(REASON_CODES as [string, ...string[]], E("reason_required"));
const place = z.string(E("place_required")).refine((v) => v === "distance" || UUID.test(v), E("place_required"));

export const AvailabilitySchema = z.object({
  intent: z.literal("publish"),
  mode: z.enum(MODES, E("mode_required")),
  placeId: z.string().regex(UUID, E("place_required")).optional(),
  date: z.string(E("date_invalid")).regex(/^\d{4}-\d{2}-\d{2}$/, E("date_invalid")),
  from: time,
  to: time,
  slotMinutes: z.number(E("slot_minutes_invalid")).int(E("slot_minutes_invalid")).min(10, E("slot_minutes_invalid")).max(240, E("slot_minutes_invalid")),
  reasons: manyOf(REASON_CODES, "appointments:errors.reason_required", { min: 1 }),
});
export type AvailabilityInput = z.infer<typeof AvailabilitySchema>;

/** The mediator's desk: publish, mark, cancel, book for someone. */
export const DeskSchema = z.discriminatedUnion("intent", [
  AvailabilitySchema,
  z.object({ intent: z.literal("mark"), appointmentId: id("not_found"), outcome: z.enum(["attended", "no_show"], E("not_found")) }),
  z.object({ intent: z.literal("cancel"), appointmentId: id("not_found") }),
  z.object({ intent: z.literal("move"), appointmentId: id("not_found"), slotId: id("slot_required") }),
  z.object({ intent: z.literal("withdraw"), slotId: id("slot_required") }),
  z.object({ intent: z.literal("book-for"), userId: id("person_required"), slotId: id("slot_required"), reason, phone }),
]);

/** The person's booking page: take a slot, or join the waiting list. */
export const BookSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("book"), slotId: id("slot_required"), reason, phone, replaces: z.string().regex(UUID).optional() }),
  z.object({ intent: z.literal("wait"), reason, place, phone }),
]);

/** The person's appointments page. */
export const MineSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), appointmentId: id("not_found") }),
  z.object({ intent: z.literal("leave"), waitlistId: id("not_found") }),
]);
