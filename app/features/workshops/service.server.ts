import { DateTime } from "luxon";
import type { User } from "../../../db/schema/accounts";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { TIME_ZONE } from "../../lib/i18n";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import type { Workshop } from "../../../db/schema/workshops";
import { openingHoursCover, weekOfHours } from "../places/opening-hours";
import { findSpaceById, listSpaceChoices } from "../places/spaces.server";
import { canManageWorkshop, requireManagedWorkshop, workshopNotFound } from "./access.server";
import { fillFromWaitlist } from "./booking.server";
import { notifyWorkshopCancelled } from "./mails.server";
import * as q from "./queries.server";
import { REMOTE, type WorkshopInput, type WorkshopListFilters } from "./schemas";

const PAGE_SIZE = 20;

export async function listPublicWorkshops(db: Db, filters: WorkshopListFilters, page: number, now = new Date()) {
  const fromDay = filters.from ? DateTime.fromISO(filters.from, { zone: TIME_ZONE }) : null;
  const from = fromDay?.isValid && fromDay.toJSDate() > now ? fromDay.toJSDate() : now;
  const rows = await q.listUpcoming(db, {
    from,
    relaySpaceId: filters.place && filters.place !== REMOTE ? filters.place : undefined,
    remote: filters.place === REMOTE,
    theme: filters.theme,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const total = rows[0] ? Number(rows[0].total) : 0;
  return {
    workshops: rows.map(withSeats),
    spaces: await listSpaceChoices(db),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** Upcoming workshops of one relay space, for its public page. */
export async function upcomingInSpace(db: Db, relaySpaceId: string, now = new Date()) {
  const rows = await q.listUpcoming(db, { from: now, relaySpaceId, limit: 20, offset: 0 });
  return rows.map(withSeats);
}

function withSeats<T extends { seats: number; confirmed_count: string | number | bigint | null; waitlisted_count: string | number | bigint | null }>(row: T) {
  const confirmed = Number(row.confirmed_count ?? 0);
  return { ...row, confirmed: confirmed, waitlisted: Number(row.waitlisted_count ?? 0), seatsLeft: Math.max(0, row.seats - confirmed) };
}

/** The public page of a workshop, with the viewer's own booking if any. */
export async function getWorkshopPage(db: Db, viewer: User | null, id: string) {
  const row = isUuid(id) ? await q.findWorkshopSummary(db, id) : undefined;
  if (!row) throw workshopNotFound();
  const [mediators, mine, canManage] = await Promise.all([
    q.listMediators(db, id),
    viewer ? q.findActiveBooking(db, id, viewer.id) : Promise.resolve(undefined),
    canManageWorkshop(db, viewer, id),
  ]);
  return {
    workshop: withSeats(row),
    mediators: mediators.map((m) => m.first_name),
    myBooking: mine
      ? { id: mine.id, status: mine.status, position: mine.status === "waitlisted" ? await q.waitlistPosition(db, mine) : null }
      : null,
    canManage,
    bookingOpen: !row.cancelled_at && row.starts_at > new Date(),
  };
}

export async function workshopFormData(db: Db, actor: User) {
  if (!can(actor, "create:workshop:own")) throw forbidden();
  const [spaces, staff] = await Promise.all([listSpaceChoices(db), q.listStaffForWorkshops(db)]);
  return {
    // Each place's hours, shown when a time falls outside them.
    spaces: spaces.map(({ opening_hours, ...s }) => ({ ...s, week: weekOfHours(opening_hours) })),
    staff: staff.filter((s) => s.id !== actor.id),
  };
}

/**
 * A workshop put (or moved) where its place is closed is scheduled only once
 * the mediator confirms it; an unchanged time is not asked about again.
 */
async function checkInput(db: Db, input: WorkshopInput, current?: Workshop) {
  if (input.relaySpaceId) {
    const space = await findSpaceById(db, input.relaySpaceId);
    if (!space || space.archived_at) throw new FieldError("place", "workshops:errors.place_required");
    const moved =
      !current ||
      current.relay_space_id !== input.relaySpaceId ||
      current.starts_at.getTime() !== input.startsAt.getTime() ||
      current.ends_at.getTime() !== input.endsAt.getTime();
    if (moved && !input.outsideHours && openingHoursCover(space.opening_hours, input.startsAt, input.endsAt) === "outside") {
      throw new FieldError("startTime", "workshops:errors.outside_hours", { place: space.name });
    }
  }
  if (input.coMediators.length > 0) {
    const staff = new Set((await q.listStaffForWorkshops(db)).map((s) => s.id));
    if (input.coMediators.some((id) => !staff.has(id))) throw new FieldError("coMediators", "workshops:errors.mediator_invalid");
  }
}

/** A form error found by the service (nothing was written). */
function rowValues(input: WorkshopInput) {
  return {
    title: input.title,
    description: input.description,
    themes: input.themes,
    level: input.level,
    relay_space_id: input.relaySpaceId,
    is_remote: input.isRemote,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    seats: input.seats,
    equipment_to_bring: input.equipmentToBring,
  };
}

export async function scheduleWorkshop(db: Db, actor: User, input: WorkshopInput, now = new Date()) {
  if (!can(actor, "create:workshop:own")) throw forbidden();
  if (input.startsAt <= now) throw new FieldError("date", "workshops:errors.in_the_past");
  await checkInput(db, input);
  return db.transaction().execute(async (trx) => {
    const workshop = await q.insertWorkshop(trx, { ...rowValues(input), created_by: actor.id });
    await q.setMediators(trx, workshop.id, [actor.id, ...input.coMediators]);
    return workshop;
  });
}

export async function getWorkshopForEdit(db: Db, actor: User, id: string) {
  const workshop = await requireManagedWorkshop(db, actor, id, "details");
  const [form, mediators] = await Promise.all([workshopFormData(db, actor), q.listMediators(db, id)]);
  return { workshop, mediators, ...form };
}

export async function updateWorkshop(db: Db, actor: User, id: string, input: WorkshopInput) {
  const before = await requireManagedWorkshop(db, actor, id, "details");
  await checkInput(db, input, before);
  return withRetryingTransaction(db, async (trx) => {
    const current = await q.lockWorkshop(trx, id);
    if (!current) throw workshopNotFound();
    if (current.cancelled_at) throw appError(409, "workshop_cancelled", "workshops:errors.workshop_cancelled");
    // Seats a mediator gave beyond the capacity at check-in do not hold the capacity up.
    const booked = (await q.countConfirmed(trx, id)) - (await q.countOverCapacity(trx, id));
    if (input.seats < booked) throw new FieldError("seats", "workshops:errors.seats_below_confirmed");
    const updated = await q.updateWorkshopRow(trx, id, rowValues(input));
    // Whoever created it and the editor (if they lead it) stay; co-mediators are what the form says.
    const currentLeads = (await q.listMediators(trx, id)).map((m) => m.id);
    const keep = currentLeads.filter((m) => m === current.created_by || m === actor.id);
    await q.setMediators(trx, id, [...keep, ...input.coMediators]);
    // More seats: the waitlist moves up.
    await fillFromWaitlist(trx, updated);
    return updated;
  });
}

/** Cancels the whole workshop; everyone booked with an address is told. */
export async function cancelWorkshop(db: Db, actor: User, id: string) {
  await requireManagedWorkshop(db, actor, id, "details");
  return withRetryingTransaction(db, async (trx) => {
    const current = await q.lockWorkshop(trx, id);
    if (!current) throw workshopNotFound();
    if (current.cancelled_at) return current;
    const updated = await q.updateWorkshopRow(trx, id, { cancelled_at: new Date() });
    for (const b of await q.listWorkshopBookings(trx, id)) await notifyWorkshopCancelled(trx, updated, b.user_id);
    return updated;
  });
}
