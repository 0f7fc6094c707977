import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import * as q from "./queries.server";

export const workshopNotFound = () => appError(404, "not_found", "workshops:errors.not_found");

/**
 * What a mediator does with a workshop they lead: change its details
 * (`update:workshop`), or look after who is booked and present
 * (`manage:booking`). Coordinators hold both for every workshop.
 */
export type WorkshopDuty = "details" | "bookings";

const DUTIES = {
  details: { own: "update:workshop:own", any: "update:workshop:any" },
  bookings: { own: "manage:booking:own", any: "manage:booking:any" },
} as const;

/** Coordinators manage every workshop; a mediator, the ones they lead. */
export async function canManageWorkshop(db: DbOrTrx, actor: User | null, workshopId: string, duty: WorkshopDuty = "bookings") {
  if (!actor) return false;
  if (can(actor, DUTIES[duty].any)) return true;
  return can(actor, DUTIES[duty].own) && (await q.isWorkshopMediator(db, workshopId, actor.id));
}

/** The workshop, if the actor leads it (or coordinates): 404 / 403 otherwise. */
export async function requireManagedWorkshop(db: DbOrTrx, actor: User, workshopId: string, duty: WorkshopDuty = "bookings") {
  if (!can(actor, DUTIES[duty].own)) throw forbidden();
  const workshop = isUuid(workshopId) ? await q.findWorkshop(db, workshopId) : undefined;
  if (!workshop) throw workshopNotFound();
  if (!(await canManageWorkshop(db, actor, workshopId, duty))) throw appError(403, "not_your_workshop", "workshops:errors.not_your_workshop");
  return workshop;
}
