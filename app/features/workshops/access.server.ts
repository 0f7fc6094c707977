import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import * as q from "./queries.server";

export const workshopNotFound = () => appError(404, "not_found", "workshops:errors.not_found");

/** Coordinators manage every workshop; a mediator, the ones they lead. */
export async function canManageWorkshop(db: DbOrTrx, actor: User | null, workshopId: string) {
  if (!actor) return false;
  if (can(actor, "manage:booking:any")) return true;
  return can(actor, "manage:booking:own") && (await q.isWorkshopMediator(db, workshopId, actor.id));
}

/** The workshop, if the actor leads it (or coordinates): 404 / 403 otherwise. */
export async function requireManagedWorkshop(db: DbOrTrx, actor: User, workshopId: string) {
  if (!can(actor, "manage:booking:own")) throw forbidden();
  const workshop = isUuid(workshopId) ? await q.findWorkshop(db, workshopId) : undefined;
  if (!workshop) throw workshopNotFound();
  if (!(await canManageWorkshop(db, actor, workshopId))) throw appError(403, "not_your_workshop", "workshops:errors.not_your_workshop");
  return workshop;
}
