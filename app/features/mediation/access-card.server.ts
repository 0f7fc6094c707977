import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { createSession, invalidateUserSessions } from "../../lib/session.server";
import { addressKey, CARD_LIMIT_PER_ADDRESS, countAttempt, forgiveAttempt } from "../../lib/throttle.server";
import { hashToken } from "../../lib/tokens.server";
import { type RequestMeta } from "../accounts/service.server";
import { generateAccessCode, normalizeAccessCode } from "./access-code";
import { requireHelpableLearner } from "./learners.server";
import * as q from "./queries.server";

const hashCode = (normalized: string) => hashToken(`access-card:${normalized}`);

/**
 * Issues a new card for a learner the mediator helps; the previous card, if
 * any, stops working at once. The plain code is returned once, to be printed,
 * and never stored.
 */
export async function issueAccessCard(db: Db, actor: User, learnerId: string) {
  if (!can(actor, "update:learner:own")) throw forbidden();
  const learner = await requireHelpableLearner(db, actor, learnerId);
  const code = generateAccessCode();
  await db.transaction().execute(async (trx) => {
    await q.revokeActiveCards(trx, learner.id, actor.id);
    await q.insertCard(trx, { userId: learner.id, codeHash: hashCode(code), issuedBy: actor.id });
  });
  return { code, learner };
}

/** A lost card: it stops working and the sessions opened on other devices end. */
export async function revokeAccessCard(db: Db, actor: User, learnerId: string) {
  if (!can(actor, "update:learner:own")) throw forbidden();
  const learner = await requireHelpableLearner(db, actor, learnerId);
  return db.transaction().execute(async (trx) => {
    const revoked = await q.revokeActiveCards(trx, learner.id, actor.id);
    if (revoked.length > 0) await invalidateUserSessions(trx, learner.id);
    return revoked.length;
  });
}

/**
 * Sign-in with the card's typed code (or its QR link). Attempts are counted
 * per address before the code is looked up (`card:ip:…`, 10 per 15 minutes,
 * decision 010); a revoked card says so plainly.
 */
export async function signInWithAccessCard(db: Db, rawCode: string, meta: RequestMeta) {
  const keys = [addressKey("card", meta.ip ?? "unknown")];
  if (!(await countAttempt(db, [{ key: keys[0]!, limit: CARD_LIMIT_PER_ADDRESS }]))) throw appError(429, "throttled", "mediation:errors.card_throttled");
  const code = normalizeAccessCode(rawCode);
  const found = code ? await q.findCardByHash(db, hashCode(code)) : undefined;
  if (!found) throw new FieldError("code", "mediation:errors.card_code_unknown");
  if (found.disabled_at) throw new FieldError("code", "accounts:errors.account_suspended");
  if (found.card_revoked_at) {
    throw new FieldError("code", "mediation:errors.card_revoked");
  }
  const { card_id, card_revoked_at: _revoked, ...user } = found;
  // A good code was not a guess: a relay space signing in its visitors keeps its allowance.
  await forgiveAttempt(db, keys);
  await q.touchCard(db, card_id);
  const token = await createSession(db, user.id, meta);
  return { user: user as User, token };
}

/**
 * Issues a card inside the caller's transaction, for a domain whose service
 * has already checked that the actor may (a teacher importing pupils into
 * their own class): the pupil's account, seat and card are then created all
 * together or not at all. Revokes any previous card; returns the plain code
 * once, to be printed.
 */
export async function issueAccessCardWithin(trx: DbOrTrx, learnerId: string, issuedBy: string) {
  const code = generateAccessCode();
  await q.revokeActiveCards(trx, learnerId, issuedBy);
  await q.insertCard(trx, { userId: learnerId, codeHash: hashCode(code), issuedBy });
  return code;
}
