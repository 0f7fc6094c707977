import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import { can, isLearner } from "../../lib/permissions";
import { requireHelpableLearner } from "../mediation/learners.server";

/**
 * Whose job project a request is about: the person themself, or someone a
 * mediator accompanies (`learnerId`), with them. `write` asks for the right
 * to change that person's things as well as to see them.
 */
export async function resolveSeeker(db: DbOrTrx, actor: User, learnerId: string | undefined, { write }: { write: boolean }): Promise<User> {
  if (!learnerId || learnerId === actor.id) {
    // Staff (coordinators hold every permission) have no job project of their own here.
    if (!isLearner(actor) || !can(actor, "manage:job_profile:own")) throw forbidden();
    return actor;
  }
  const learner = await requireHelpableLearner(db, actor, learnerId);
  if (write && !can(actor, "update:learner:own")) throw forbidden();
  return learner;
}
