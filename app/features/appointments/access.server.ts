import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import * as q from "./queries.server";

export const appointmentNotFound = () => appError(404, "not_found", "appointments:errors.not_found");
export const slotNotFound = () => appError(404, "not_found", "appointments:errors.slot_not_found");

/**
 * Whose appointments a staff member looks after: everyone's for a
 * coordinator (`mediatorId` null); for a mediator, the slots they published
 * and every slot at the places where they publish availability.
 */
export async function staffScope(db: DbOrTrx, actor: User): Promise<{ mediatorId: string | null; placeIds: string[] }> {
  if (can(actor, "manage:appointment:any")) return { mediatorId: null, placeIds: [] };
  if (!can(actor, "manage:appointment:own")) throw forbidden();
  return { mediatorId: actor.id, placeIds: await q.mediatorPlaceIds(db, actor.id) };
}

/** Whether the actor looks after this slot (a pure answer, no throw). */
export async function canManageSlot(db: DbOrTrx, actor: User, slot: { mediator_id: string | null; relay_space_id: string | null }) {
  if (can(actor, "manage:appointment:any")) return true;
  if (!can(actor, "manage:appointment:own")) return false;
  if (slot.mediator_id === actor.id) return true;
  return !!slot.relay_space_id && (await q.mediatorPlaceIds(db, actor.id)).includes(slot.relay_space_id);
}

/**
 * An appointment the actor may see: their own, or one they look after. A
 * stranger's gets the same 404 as none at all (no telling that it exists).
 */
export async function requireVisibleAppointment(db: DbOrTrx, actor: User, id: string) {
  const appointment = isUuid(id) ? await q.findAppointment(db, id) : undefined;
  if (!appointment) throw appointmentNotFound();
  if (appointment.user_id === actor.id || (await canManageSlot(db, actor, appointment))) return appointment;
  throw appointmentNotFound();
}

/** An appointment the actor looks after as staff: 404 when there is none, 403 when it is another place's. */
export async function requireManagedAppointment(db: DbOrTrx, actor: User, id: string) {
  if (!can(actor, "manage:appointment:own")) throw forbidden();
  const appointment = isUuid(id) ? await q.findAppointment(db, id) : undefined;
  if (!appointment) throw appointmentNotFound();
  if (!(await canManageSlot(db, actor, appointment))) throw appError(403, "not_your_place", "appointments:errors.not_your_place");
  return appointment;
}
