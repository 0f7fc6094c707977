import { href } from "react-router";
import type { User } from "../../../db/schema/accounts";
import { type Db, type DbOrTrx, withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { invalidateUserSessions } from "../../lib/session.server";
import { issueAccessCardWithin } from "../mediation/access-card.server";
import { requireOpenClass, notFound, teacherClass } from "./access.server";
import { findSeatWithAccount } from "./classes/queries.server";
import { formatAccessCode } from "../mediation/access-code";

/**
 * Access cards for pupils created by import (no email, no password): they
 * sign in at /connexion/carte with the code printed on the card — the
 * mediation domain's cards, issued in the caller's transaction so that a
 * pupil never exists without a card, or a card without its pupil.
 */
export async function issuePupilCard(trx: DbOrTrx, userId: string, issuedBy: User): Promise<string> {
  return issueAccessCardWithin(trx, userId, issuedBy);
}

export function cardSignInPath(code: string) {
  return `${href("/connexion/carte")}?code=${encodeURIComponent(code)}`;
}

export { formatAccessCode };

/**
 * A lost card: the teacher prints a new one for a pupil whose account was
 * made for the class. The old card stops working and the pupil's open
 * sessions end.
 */
export async function reissuePupilCard(db: Db, user: User, classId: string, seatId: string) {
  const schoolClass = await teacherClass(db, user, classId);
  requireOpenClass(schoolClass);
  const pupil = isUuid(seatId) ? await findSeatWithAccount(db, schoolClass.id, seatId) : undefined;
  if (!pupil) throw notFound("pupil");
  if (pupil.account_created_for_class_id !== schoolClass.id) throw appError(409, "card_not_for_class", "projects:errors.card_not_for_class");
  // Issuing locks the card holder's row (the mediation domain's card rules).
  const code = await withRetryingTransaction(db, async (trx) => {
    const issued = await issuePupilCard(trx, pupil.id, user);
    await invalidateUserSessions(trx, pupil.id);
    return issued;
  });
  return { firstName: pupil.first_name, code };
}
