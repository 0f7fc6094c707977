import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { createSession, invalidateUserSessions } from "../../lib/session.server";
import { addressKey, CARD_LIMIT_PER_ADDRESS, countAttempt, forgiveAttempt } from "../../lib/throttle.server";
import { formatDateTime } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { queueMail } from "../../lib/mail.server";
import { publicUrl } from "../../lib/public-url.server";
import { hashToken } from "../../lib/tokens.server";
import { type RequestMeta } from "../accounts/service.server";
import { generateAccessCode, normalizeAccessCode } from "./access-code";
import * as cards from "./card-queries.server";
import { requireHelpableLearner } from "./learners.server";
import * as q from "./queries.server";
import type { CardConsentInput } from "./schemas";

const hashCode = (normalized: string) => hashToken(`access-card:${normalized}`);

/**
 * Issues a new card for a learner the mediator helps; the previous card, if
 * any, stops working at once. The plain code is returned once, to be printed,
 * and never stored. Helping someone is not enough (decision 036): the account
 * must have no sign-in of its own, or the person must have agreed to a card.
 */
export async function issueAccessCard(db: Db, actor: User, learnerId: string) {
  if (!can(actor, "update:learner:own")) throw forbidden();
  const learner = await requireHelpableLearner(db, actor, learnerId);
  const code = await db.transaction().execute((trx) => issueCard(trx, learner.id, actor));
  return { code, learner };
}

/**
 * The one way a card comes to exist: the holder's row locked, the rule of
 * decision 036 checked, the previous card revoked, and the person told by
 * e-mail when they have an address.
 */
async function issueCard(trx: DbOrTrx, userId: string, issuer: Pick<User, "id" | "first_name" | "last_name">) {
  const holder = await cards.lockCardHolder(trx, userId);
  if (!holder) throw appError(404, "not_found", "mediation:errors.learner_not_found");
  const ownSignIn = holder.email !== null || holder.has_password;
  if (ownSignIn && !holder.consent_id) throw appError(409, "card_needs_consent", "mediation:errors.card_needs_consent");
  const code = generateAccessCode();
  await q.revokeActiveCards(trx, holder.id, issuer.id);
  const card = await cards.insertCardWithConsent(trx, {
    userId: holder.id,
    codeHash: hashCode(code),
    issuedBy: issuer.id,
    consentId: ownSignIn ? holder.consent_id : null,
  });
  if (holder.email) {
    const t = serverT(holder.locale);
    await queueMail(trx, {
      to: holder.email,
      userId: holder.id,
      dedupeKey: `access-card-issued:${card.id}`,
      subject: t("mediation:card_mail.subject"),
      text: t("mediation:card_mail.body", {
        name: holder.first_name,
        by: [issuer.first_name, issuer.last_name].filter(Boolean).join(" "),
        when: formatDateTime(card.issued_at, holder.locale),
        link: `${publicUrl()}/compte`,
      }),
    });
  }
  return code;
}

/**
 * Records that a person with their own address or password agreed to also
 * sign in with a card: who recorded it, when, who agreed and what was
 * explained. Cards printed afterwards name this agreement.
 */
export async function recordCardConsent(db: Db, actor: User, learnerId: string, input: Omit<CardConsentInput, "intent">) {
  if (!can(actor, "update:learner:own")) throw forbidden();
  const learner = await requireHelpableLearner(db, actor, learnerId);
  return cards.insertCardConsent(db, {
    userId: learner.id,
    recordedBy: actor.id,
    givenBy: input.givenBy,
    representativeName: input.givenBy === "representant_legal" ? input.representativeName : null,
    explained: input.explained,
    notes: input.consentNotes,
  });
}

const CARDS_PAGE_SIZE = 50;

/** Every card ever issued, newest first, with who issued it and what became of it (coordinators). */
export async function listAccessCards(db: Db, actor: User, page: number) {
  if (!can(actor, "read:access_card:any")) throw forbidden();
  const rows = await cards.listIssuedCards(db, { limit: CARDS_PAGE_SIZE, offset: (page - 1) * CARDS_PAGE_SIZE });
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { cards: rows, total, page, pageCount: Math.max(1, Math.ceil(total / CARDS_PAGE_SIZE)) };
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
  const user = await checkAccessCard(db, rawCode, meta);
  const token = await createSession(db, user.id, meta);
  return { user, token };
}

/** The checks of a card sign-in, throttled the same way, without opening a session (linking an OpenID identity, decision 047). */
export async function checkAccessCard(db: Db, rawCode: string, meta: RequestMeta): Promise<User> {
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
  return user as User;
}

/**
 * Issues a card inside the caller's transaction, for a domain whose service
 * has already checked that the actor may (a teacher importing pupils into
 * their own class): the pupil's account, seat and card are then created all
 * together or not at all. The rule of decision 036 holds here too. Revokes any
 * previous card; returns the plain code once, to be printed.
 */
export async function issueAccessCardWithin(trx: DbOrTrx, learnerId: string, issuer: Pick<User, "id" | "first_name" | "last_name">) {
  return issueCard(trx, learnerId, issuer);
}
