import type { User } from "../../../db/schema/accounts";
import type { MappedRole } from "../../../db/schema/oidc";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { createSession } from "../../lib/session.server";
import { hashToken } from "../../lib/tokens.server";
import type { RequestMeta } from "../accounts/service.server";
import { roleAfterSignIn, roleFromClaims } from "./role-mapping";
import * as q from "./queries.server";

/** What a verified ID token (and the user-info answer) says, as the flow hands it over. */
export interface VerifiedIdentity {
  providerId: string;
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  idToken: string;
}

const suspended = () => appError(423, "account_suspended", "accounts:errors.account_suspended");
const identityTaken = () => appError(409, "oidc_identity_taken", "oidc:errors.identity_taken");
const providerTaken = () => appError(409, "oidc_provider_already_linked", "oidc:errors.provider_already_linked");

/**
 * Signs in the account this identity is linked to, or answers null when it is
 * linked to none (the person then chooses to create an account or to sign in
 * to theirs). The role mappings apply here, at every sign-in.
 */
export async function signInWithIdentity(db: Db, identity: VerifiedIdentity, meta: RequestMeta) {
  return withRetryingTransaction(db, async (trx) => {
    const row = await q.lockIdentityWithUser(trx, identity.issuer, identity.subject);
    if (!row) return null;
    const { identity_id, mapped_role, provider_id: _provider, ...user } = row;
    if (user.disabled_at) throw suspended();
    const role = await applyRoleMappings(trx, { user, identityId: identity_id, mappedRole: mapped_role }, identity);
    const token = await openSession(trx, user.id, identity, meta);
    return { user: { ...user, role } as User, token };
  });
}

/** A signed-in person links a provider from their account page. */
export async function linkIdentityToUser(db: Db, userId: string, identity: VerifiedIdentity) {
  await withRetryingTransaction(db, async (trx) => {
    await insertLink(trx, userId, identity);
  });
}

/**
 * Links after the person proved the account is theirs (its password, its
 * card) or created it. Never from a matching e-mail address alone.
 */
export async function insertLink(trx: DbOrTrx, userId: string, identity: VerifiedIdentity) {
  const existing = await q.findIdentity(trx, identity.issuer, identity.subject);
  if (existing) {
    if (existing.user_id !== userId) throw identityTaken();
    return existing;
  }
  const sameProvider = (await q.identitiesOfUser(trx, userId)).some((i) => i.provider_id === identity.providerId);
  if (sameProvider) throw providerTaken();
  try {
    const linked = await q.insertIdentity(trx, { userId, providerId: identity.providerId, issuer: identity.issuer, subject: identity.subject });
    logger.info({ userId, provider: identity.providerId }, "oidc: identity linked");
    return linked;
  } catch (error) {
    // Two tabs linking at once: the unique constraints decide.
    if ((error as { code?: string }).code === "23505") throw identityTaken();
    throw error;
  }
}

/** A new Passerelle session remembering the ID token, for signing out at the provider too. */
export async function openSession(trx: DbOrTrx, userId: string, identity: VerifiedIdentity, meta: RequestMeta) {
  const token = await createSession(trx, userId, meta);
  await q.insertOidcSession(trx, { sessionId: hashToken(token), providerId: identity.providerId, idToken: identity.idToken });
  return token;
}

/**
 * Roles are never read from the provider on their own: only a coordinator's
 * mapping (provider, claim, value → role) gives one. When a mapping matches,
 * the account gets that role; when none matches any more, the role a mapping
 * gave is taken back (learner) and a role given by hand stays. Each change is
 * logged with the account and the rule.
 */
export async function applyRoleMappings(
  trx: DbOrTrx,
  { user, identityId, mappedRole }: { user: Pick<User, "id" | "role">; identityId: string; mappedRole: MappedRole | null },
  identity: VerifiedIdentity,
): Promise<User["role"]> {
  const mappings = await q.mappingsOfProvider(trx, identity.providerId);
  const matched = roleFromClaims(mappings, identity.claims);
  const before = user.role;
  const role = roleAfterSignIn(before, mappedRole, matched?.role ?? null);
  if (role !== before) {
    await q.setUserRole(trx, user.id, role);
    logger.info({ userId: user.id, provider: identity.providerId, from: before, to: role, mappingId: matched?.id ?? null }, matched ? "oidc: role given by a mapping" : "oidc: role taken back, no mapping matches any more");
  }
  await q.touchIdentity(trx, identityId, matched ? matched.role : null);
  return role;
}

