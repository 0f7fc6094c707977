import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { hashPassword } from "../../lib/password.server";
import { can, isLearner } from "../../lib/permissions";
import { findUserById } from "../accounts/service.server";
import { listCardConsents } from "./card-queries.server";
import * as q from "./queries.server";
import { personChoice } from "./person-label";
import type { AssistedAccountInput } from "./schemas";

/**
 * Mediators see and help only the learners they created or accompanied
 * (see `helpedLearnerIds`); coordinators see everyone. The one check used by
 * every verb that touches someone else's account.
 */
export async function canHelpLearner(db: DbOrTrx, actor: User, learnerId: string): Promise<boolean> {
  if (can(actor, "read:learner:any")) return true;
  if (!can(actor, "read:learner:own")) return false;
  return q.mediatorHelpsLearner(db, actor.id, learnerId);
}

/** The learner, if `actor` may help them: 404 for no such learner, 403 for someone else's. */
export async function requireHelpableLearner(db: DbOrTrx, actor: User, learnerId: string): Promise<User> {
  if (!can(actor, "read:learner:own")) throw forbidden();
  const learner = isUuid(learnerId) ? await findUserById(db, learnerId) : undefined;
  if (!learner || !isLearner(learner)) throw appError(404, "not_found", "mediation:errors.learner_not_found");
  if (!(await canHelpLearner(db, actor, learnerId))) throw appError(403, "not_your_learner", "mediation:errors.not_your_learner");
  return learner;
}

export async function createAssistedAccount(db: Db, actor: User, input: AssistedAccountInput) {
  if (!can(actor, "create:learner:own")) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const learner = await q.insertAssistedUser(trx, {
      firstName: input.firstName,
      lastName: input.lastName,
      createdBy: actor.id,
      ageBand: input.ageBand,
      commune: input.commune,
      communeInsee: input.communeInsee,
      audience: input.audience,
      locale: actor.locale,
    });
    await q.insertConsent(trx, {
      userId: learner.id,
      recordedBy: actor.id,
      givenBy: input.givenBy,
      representativeName: input.givenBy === "representant_legal" ? input.representativeName : null,
      explained: input.explained,
      notes: input.consentNotes,
    });
    return learner;
  });
}

const PAGE_SIZE = 30;

export async function listHelpedLearners(db: Db, actor: User, { search, page }: { search?: string; page: number }) {
  if (!can(actor, "read:learner:own")) throw forbidden();
  const rows = await q.listLearners(db, {
    helpedBy: can(actor, "read:learner:any") ? null : actor.id,
    search,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { learners: rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** How many people a choice list shows; past that, the page asks for a search. */
export const CHOICE_LIMIT = 200;

/**
 * Learners for a select (activity form, booking on someone's behalf,
 * walk-ins), narrowed by a name search; `more` says the list was cut at
 * CHOICE_LIMIT, so the page can ask for a more precise search rather than
 * silently leave people out.
 */
export async function learnerChoices(db: DbOrTrx, actor: User, search?: string) {
  if (!can(actor, "read:learner:own")) return { people: [], more: false };
  const rows = await q.listLearners(db, {
    helpedBy: can(actor, "read:learner:any") ? null : actor.id,
    search: search?.trim() || undefined,
    limit: CHOICE_LIMIT + 1,
    offset: 0,
  });
  const people = rows.slice(0, CHOICE_LIMIT).map(personChoice);
  return { people, more: rows.length > CHOICE_LIMIT };
}

export async function getLearnerFile(db: Db, actor: User, learnerId: string) {
  const learner = await requireHelpableLearner(db, actor, learnerId);
  const [consents, card, cardConsents] = await Promise.all([
    q.listConsents(db, learner.id),
    q.findActiveCard(db, learner.id),
    listCardConsents(db, learner.id),
  ]);
  // Decision 036: an account with its own sign-in gets a card only with the person's agreement.
  const ownSignIn = learner.email !== null || learner.password_hash !== null;
  return {
    learner: {
      id: learner.id,
      firstName: learner.first_name,
      lastName: learner.last_name,
      email: learner.email,
      ageBand: learner.age_band,
      commune: learner.commune,
      audience: learner.audience,
      createdAt: learner.created_at,
    },
    consents,
    card: card ? { issuedAt: card.issued_at, lastUsedAt: card.last_used_at } : null,
    canManageCard: can(actor, "update:learner:own"),
    cardConsents,
    cardNeedsConsent: ownSignIn && !cardConsents.some((c) => c.withdrawn_at === null),
  };
}

/** An account made by a mediator gets its own address and password; nothing else changes. */
export async function addEmailAndPassword(db: Db, user: User, input: { email: string; password: string }) {
  if (user.email) throw appError(409, "has_email", "mediation:errors.already_has_email");
  const passwordHash = await hashPassword(input.password);
  try {
    const updated = await q.setEmailAndPassword(db, user.id, input.email, passwordHash);
    if (!updated) throw appError(409, "has_email", "mediation:errors.already_has_email");
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw new FieldError("email", "accounts:errors.email_taken");
    throw error;
  }
}
