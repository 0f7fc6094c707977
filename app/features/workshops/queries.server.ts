import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/types";
import type { BookingStatus, NewWorkshop } from "../../../db/schema/workshops";
import type { DbOrTrx } from "../../lib/db.server";

const countStatus = (status: BookingStatus) => (eb: ExpressionBuilder<Database, "workshop">) =>
  eb
    .selectFrom("booking")
    .select((e) => e.fn.countAll<string>().as("n"))
    .whereRef("booking.workshop_id", "=", "workshop.id")
    .where("booking.status", "=", status);

/** Workshop rows with their place and seat counts, for lists and pages. */
export function workshopSummaries(db: DbOrTrx) {
  return db
    .selectFrom("workshop")
    .leftJoin("relay_space", "relay_space.id", "workshop.relay_space_id")
    .selectAll("workshop")
    .select([
      "relay_space.name as space_name",
      "relay_space.slug as space_slug",
      "relay_space.commune as space_commune",
      "relay_space.address as space_address",
      "relay_space.postal_code as space_postal_code",
    ])
    .select((eb) => [countStatus("confirmed")(eb).as("confirmed_count"), countStatus("waitlisted")(eb).as("waitlisted_count")]);
}

export interface WorkshopFilters {
  from: Date;
  to?: Date;
  relaySpaceId?: string;
  remote?: boolean;
  theme?: string;
  limit: number;
  offset: number;
}

export function listUpcoming(db: DbOrTrx, f: WorkshopFilters) {
  let query = workshopSummaries(db)
    .select((eb) => eb.fn.countAll<string>().over().as("total"))
    .where("workshop.cancelled_at", "is", null)
    .where("workshop.starts_at", ">=", f.from)
    .orderBy("workshop.starts_at")
    .orderBy("workshop.id")
    .limit(f.limit)
    .offset(f.offset);
  if (f.to) query = query.where("workshop.starts_at", "<", f.to);
  if (f.relaySpaceId) query = query.where("workshop.relay_space_id", "=", f.relaySpaceId);
  if (f.remote) query = query.where("workshop.is_remote", "=", true);
  if (f.theme) query = query.where((eb) => eb(eb.val(f.theme!), "=", eb.fn.any("workshop.themes")));
  return query.execute();
}

export function findWorkshopSummary(db: DbOrTrx, id: string) {
  return workshopSummaries(db).where("workshop.id", "=", id).executeTakeFirst();
}

export function findWorkshop(db: DbOrTrx, id: string) {
  return db.selectFrom("workshop").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Takes the workshop's row lock: every change to its seats goes through it, one at a time. */
export function lockWorkshop(db: DbOrTrx, id: string) {
  return db.selectFrom("workshop").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function listMediators(db: DbOrTrx, workshopId: string) {
  return db
    .selectFrom("workshop_mediator")
    .innerJoin("app_user", "app_user.id", "workshop_mediator.user_id")
    .select(["app_user.id", "app_user.first_name", "app_user.last_name"])
    .where("workshop_mediator.workshop_id", "=", workshopId)
    .orderBy("app_user.first_name")
    .execute();
}

export async function isWorkshopMediator(db: DbOrTrx, workshopId: string, userId: string) {
  const row = await db
    .selectFrom("workshop_mediator")
    .select("user_id")
    .where("workshop_id", "=", workshopId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return !!row;
}

export function insertWorkshop(db: DbOrTrx, values: NewWorkshop) {
  return db.insertInto("workshop").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function setMediators(db: DbOrTrx, workshopId: string, userIds: string[]) {
  await db.deleteFrom("workshop_mediator").where("workshop_id", "=", workshopId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto("workshop_mediator")
    .values([...new Set(userIds)].map((user_id) => ({ workshop_id: workshopId, user_id })))
    .execute();
}

export function updateWorkshopRow(db: DbOrTrx, id: string, values: Partial<Omit<NewWorkshop, "id">>) {
  return db
    .updateTable("workshop")
    .set({ ...values, sequence: sql`sequence + 1`, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Staff who can co-lead a workshop. */
export function listStaffForWorkshops(db: DbOrTrx) {
  return db
    .selectFrom("app_user")
    .select(["id", "first_name", "last_name"])
    .where("role", "in", ["mediator", "coordinator"])
    .where("disabled_at", "is", null)
    .orderBy("first_name")
    .orderBy("last_name")
    .execute();
}

/* Bookings */

export async function countConfirmed(db: DbOrTrx, workshopId: string) {
  const row = await db
    .selectFrom("booking")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("workshop_id", "=", workshopId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Seats a mediator gave beyond the capacity at check-in (decision 039). */
export async function countOverCapacity(db: DbOrTrx, workshopId: string) {
  const row = await db
    .selectFrom("booking")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("workshop_id", "=", workshopId)
    .where("status", "=", "confirmed")
    .where("over_capacity", "=", true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findActiveBooking(db: DbOrTrx, workshopId: string, userId: string) {
  return db
    .selectFrom("booking")
    .selectAll()
    .where("workshop_id", "=", workshopId)
    .where("user_id", "=", userId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .executeTakeFirst();
}

/**
 * Inserts a live booking unless the person already holds one: the partial
 * unique index decides, and a duplicate returns nothing instead of failing.
 */
export function insertBookingIfAbsent(
  db: DbOrTrx,
  values: { workshopId: string; userId: string; status: "confirmed" | "waitlisted"; bookedBy: string; overCapacity?: boolean },
) {
  return db
    .insertInto("booking")
    .values({
      workshop_id: values.workshopId,
      user_id: values.userId,
      status: values.status,
      booked_by: values.bookedBy,
      over_capacity: values.overCapacity ?? false,
    })
    .onConflict((oc) =>
      oc
        .columns(["workshop_id", "user_id"])
        .where("status", "in", ["confirmed", "waitlisted"])
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

export function findBooking(db: DbOrTrx, id: string) {
  return db.selectFrom("booking").selectAll().where("id", "=", id).executeTakeFirst();
}

export function setBookingCancelled(db: DbOrTrx, id: string, by: string) {
  return db
    .updateTable("booking")
    .set({ status: "cancelled", cancelled_at: sql`clock_timestamp()`, cancelled_by: by })
    .where("id", "=", id)
    .where("status", "in", ["confirmed", "waitlisted"])
    .returningAll()
    .executeTakeFirst();
}

/** The first `n` waitlisted people, first come first served. */
export function nextWaitlisted(db: DbOrTrx, workshopId: string, n: number) {
  return db
    .selectFrom("booking")
    .selectAll()
    .where("workshop_id", "=", workshopId)
    .where("status", "=", "waitlisted")
    .orderBy("created_at")
    .orderBy("id")
    .limit(n)
    .execute();
}

export function promote(db: DbOrTrx, bookingIds: string[], { overCapacity = false } = {}) {
  return db
    .updateTable("booking")
    .set({ status: "confirmed", promoted_at: sql`clock_timestamp()`, over_capacity: overCapacity })
    .where("id", "in", bookingIds)
    .where("status", "=", "waitlisted")
    .returningAll()
    .execute();
}

/** Back to the waitlist, at the place the booking's time gives it: a seat beyond the capacity ticked by mistake. */
export function demoteOverCapacity(db: DbOrTrx, bookingId: string) {
  return db
    .updateTable("booking")
    .set({ status: "waitlisted", promoted_at: null, over_capacity: false })
    .where("id", "=", bookingId)
    .where("over_capacity", "=", true)
    .execute();
}

export async function waitlistPosition(db: DbOrTrx, booking: { workshop_id: string; created_at: Date; id: string }) {
  const row = await db
    .selectFrom("booking")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("workshop_id", "=", booking.workshop_id)
    .where("status", "=", "waitlisted")
    .where((eb) =>
      eb.or([
        eb("created_at", "<", booking.created_at),
        eb.and([eb("created_at", "=", booking.created_at), eb("id", "<", booking.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** Bookings of a workshop with the person's name and whether they came. */
export function listWorkshopBookings(db: DbOrTrx, workshopId: string) {
  return db
    .selectFrom("booking")
    .innerJoin("app_user", "app_user.id", "booking.user_id")
    .leftJoin("attendance", (join) =>
      join.onRef("attendance.workshop_id", "=", "booking.workshop_id").onRef("attendance.user_id", "=", "booking.user_id"),
    )
    .select([
      "booking.id",
      "booking.user_id",
      "booking.status",
      "booking.created_at",
      "booking.booked_by",
      "booking.over_capacity",
      "app_user.first_name",
      "app_user.last_name",
      "app_user.email",
      "attendance.checked_in_at",
    ])
    .where("booking.workshop_id", "=", workshopId)
    .where("booking.status", "in", ["confirmed", "waitlisted"])
    .orderBy(sql`case booking.status when 'confirmed' then 0 else 1 end`)
    .orderBy("app_user.last_name")
    .orderBy("app_user.first_name")
    .orderBy("booking.created_at")
    .execute();
}

/* Attendance */

export async function insertAttendance(
  db: DbOrTrx,
  values: { workshopId: string; userId: string; by: string; walkIn?: boolean },
) {
  await db
    .insertInto("attendance")
    .values({ workshop_id: values.workshopId, user_id: values.userId, checked_in_by: values.by, walk_in: values.walkIn ?? false })
    .onConflict((oc) => oc.columns(["workshop_id", "user_id"]).doNothing())
    .execute();
}

export async function deleteAttendance(db: DbOrTrx, workshopId: string, userId: string) {
  await db.deleteFrom("attendance").where("workshop_id", "=", workshopId).where("user_id", "=", userId).execute();
}

/* The learner's record */

export function listUserBookings(db: DbOrTrx, userId: string, from: Date) {
  return workshopSummaries(db)
    .innerJoin("booking", "booking.workshop_id", "workshop.id")
    .select(["booking.id as booking_id", "booking.status as booking_status", "booking.created_at as booked_at"])
    .where("booking.user_id", "=", userId)
    .where("booking.status", "in", ["confirmed", "waitlisted"])
    .where("workshop.ends_at", ">=", from)
    .orderBy("workshop.starts_at")
    .execute();
}

export function listAttendance(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("attendance")
    .innerJoin("workshop", "workshop.id", "attendance.workshop_id")
    .leftJoin("relay_space", "relay_space.id", "workshop.relay_space_id")
    .select([
      "workshop.id as workshop_id",
      "workshop.title",
      "workshop.themes",
      "workshop.level",
      "workshop.starts_at",
      "workshop.ends_at",
      "workshop.is_remote",
      "relay_space.name as space_name",
      "attendance.checked_in_at",
    ])
    .where("attendance.user_id", "=", userId)
    .orderBy("workshop.starts_at", "desc")
    .execute();
}
