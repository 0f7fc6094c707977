import { DateTime } from "luxon";
import { z } from "zod";
import { TIME_ZONE } from "../../lib/i18n";
import { parisWallClock } from "../../lib/paris-time";
import { manyOf } from "../mediation/lists";
import { THEMES, WORKSHOP_LEVELS, codes } from "../mediation/vocabulary";

// Messages are i18n keys; values outside the national lists get one clear message.
const E = (key: string) => ({ error: `workshops:errors.${key}` });
const NOT_IN_LIST = "workshops:errors.value_not_in_list";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const REMOTE = "a_distance";

const time = z.string(E("time_invalid")).regex(/^([01]\d|2[0-3]):[0-5]\d$/, E("time_invalid"));

/** Paris wall-clock date and time → the instant (null when it does not exist). */
export function parisInstant(date: string, hhmm: string): Date | null {
  const time = parisWallClock(date, hhmm);
  return time.ok ? time.instant : null;
}

const WorkshopFields = z.object({
  title: z.string(E("title_required")).trim().min(3, E("title_required")).max(200, E("too_long")),
  description: z.string().trim().max(5000, E("too_long")).optional().transform((v) => v || null),
  themes: manyOf(codes(THEMES), NOT_IN_LIST, {
    min: 1,
    minKey: "workshops:errors.themes_required",
    max: 5,
    maxKey: "workshops:errors.themes_too_many",
  }),
  level: z.enum(codes(WORKSHOP_LEVELS), {
    error: (issue) => (issue.input === undefined ? "workshops:errors.level_required" : NOT_IN_LIST),
  }),
  place: z
    .string(E("place_required"))
    .refine((v) => v === REMOTE || UUID.test(v), E("place_required")),
  date: z.string(E("date_invalid")).regex(/^\d{4}-\d{2}-\d{2}$/, E("date_invalid")),
  startTime: time,
  endTime: time,
  seats: z.number(E("seats_invalid")).int(E("seats_invalid")).min(1, E("seats_invalid")).max(500, E("seats_invalid")),
  equipmentToBring: z.string().trim().max(500, E("too_long")).optional().transform((v) => v || null),
  coMediators: z.array(z.string().regex(UUID, E("mediator_invalid"))).max(5, E("mediator_invalid")),
  // The mediator's answer to « the place is closed then: schedule it anyway? ».
  outsideHours: z
    .literal("1")
    .optional()
    .transform((v) => v === "1"),
});

/** Paris wall-clock date and times → instants; the hour skipped in spring and an end before the start are field errors. */
function toWorkshopInput<T extends z.output<typeof WorkshopFields>>(v: T, ctx: z.RefinementCtx) {
  const start = parisWallClock(v.date, v.startTime);
  const end = parisWallClock(v.date, v.endTime);
  if (!start.ok || !end.ok) {
    // The hour skipped when the clocks go forward is named as such, on the field that falls in it.
    if (!start.ok && start.reason === "dst_gap") ctx.addIssue({ code: "custom", path: ["startTime"], message: "workshops:errors.time_in_dst_gap" });
    if (!end.ok && end.reason === "dst_gap") ctx.addIssue({ code: "custom", path: ["endTime"], message: "workshops:errors.time_in_dst_gap" });
    if ((!start.ok && start.reason === "invalid") || (!end.ok && end.reason === "invalid")) {
      ctx.addIssue({ code: "custom", path: ["date"], message: "workshops:errors.date_invalid" });
    }
    return z.NEVER;
  }
  const startsAt = start.instant;
  const endsAt = end.instant;
  if (endsAt <= startsAt) {
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "workshops:errors.end_before_start" });
    return z.NEVER;
  }
  return { ...v, startsAt, endsAt, relaySpaceId: v.place === REMOTE ? null : v.place, isRemote: v.place === REMOTE };
}

export const WorkshopSchema = WorkshopFields.transform(toWorkshopInput);

/** The workshop form (« save ») and, on an existing workshop, its cancellation once confirmed. */
export const WorkshopPageSchema = z.discriminatedUnion("intent", [
  WorkshopFields.extend({ intent: z.literal("save") }).transform(toWorkshopInput),
  z.object({ intent: z.literal("cancel-workshop"), confirm: z.literal("on", E("confirm_cancel")) }),
]);

export type WorkshopInput = z.infer<typeof WorkshopSchema>;

export const WorkshopListFilterSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  place: z
    .string()
    .refine((v) => v === REMOTE || UUID.test(v))
    .optional()
    .catch(undefined),
  theme: z.enum(codes(THEMES)).optional().catch(undefined),
});

export type WorkshopListFilters = z.infer<typeof WorkshopListFilterSchema>;

/** Booking on someone's behalf / adding a walk-in: the person's account. */
export const PersonSchema = z.object({
  userId: z.string(E("person_required")).regex(UUID, E("person_required")),
});

/**
 * The check-in page's two forms. `overCapacity` is the mediator's answer to
 * « the room is full: check them in anyway? » (decision 039).
 */
const personId = z.string(E("person_required")).regex(UUID, E("person_required"));
const overCapacity = z
  .literal("1")
  .optional()
  .transform((v) => v === "1");
export const CheckInSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("presence"), userId: personId, present: z.enum(["0", "1"]).transform((v) => v === "1"), overCapacity }),
  z.object({ intent: z.literal("walk-in"), userId: personId, overCapacity }),
]);
export type CheckInInput = z.infer<typeof CheckInSchema>;

export const BookingIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("book") }),
  z.object({ intent: z.literal("cancel"), bookingId: z.string().regex(UUID, E("booking_invalid")) }),
]);

/** The bookings desk: cancel someone's booking, or book a seat for a person. */
export const BookingsDeskSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), bookingId: z.string().regex(UUID, E("booking_invalid")) }),
  PersonSchema.extend({ intent: z.literal("book") }),
]);

/** The form's values for an existing workshop (Paris wall-clock date and times). */
export function workshopFormDefaults(
  w: { title: string; description: string | null; themes: string[]; level: string; relay_space_id: string | null; starts_at: Date; ends_at: Date; seats: number; equipment_to_bring: string | null },
  coMediators: string[],
) {
  const start = DateTime.fromJSDate(w.starts_at).setZone(TIME_ZONE);
  const end = DateTime.fromJSDate(w.ends_at).setZone(TIME_ZONE);
  return {
    title: w.title,
    description: w.description ?? "",
    themes: w.themes,
    level: w.level,
    place: w.relay_space_id ?? REMOTE,
    date: start.toISODate()!,
    startTime: start.toFormat("HH:mm"),
    endTime: end.toFormat("HH:mm"),
    seats: String(w.seats),
    equipmentToBring: w.equipment_to_bring ?? "",
    coMediators,
  };
}

export function newWorkshopDefaults(now = new Date()) {
  return {
    date: DateTime.fromJSDate(now).setZone(TIME_ZONE).plus({ days: 7 }).toISODate()!,
    startTime: "14:00",
    endTime: "16:00",
    seats: "8",
    level: "debutant",
  };
}
