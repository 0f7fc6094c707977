import * as client from "openid-client";
import type { User } from "../../../db/schema/accounts";
import type { OidcPendingIdentity } from "../../../db/schema/oidc";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError, forbidden, notFound } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { logger } from "../../lib/logger.server";
import { can } from "../../lib/permissions";
import { hashToken } from "../../lib/tokens.server";
import { checkPasswordSignIn, createAccountWithoutPassword, type RequestMeta } from "../accounts/service.server";
import { checkAccessCard } from "../mediation/access-card.server";
import { applyRoleMappings, insertLink, openSession, type VerifiedIdentity } from "./identities.server";
import { roleAfterSignIn } from "./role-mapping";
import { findProvider, postLogoutRedirectUri, providerButtons, providerConfiguration } from "./providers.server";
import * as q from "./queries.server";
import type { RoleMappingInput } from "./schemas";

const pendingExpired = () => appError(400, "oidc_pending_expired", "oidc:errors.pending_expired");

const identityOf = (pending: OidcPendingIdentity): VerifiedIdentity => ({
  providerId: pending.provider_id,
  issuer: pending.issuer,
  subject: pending.subject,
  claims: pending.claims as Record<string, unknown>,
  idToken: pending.id_token,
});

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 80) : null);
/** The address is kept only when the provider says it checked it. */
const verifiedEmail = (claims: Record<string, unknown>) => (claims.email_verified === true ? text(claims.email)?.toLowerCase() ?? null : null);

/** What the « create or link » page shows: who the provider says this is, and whether the address is taken. */
export async function loadPendingChoice(db: Db, pendingToken: string | null, now = new Date()) {
  const pending = pendingToken ? await q.findPending(db, hashToken(pendingToken), now) : undefined;
  if (!pending) throw pendingExpired();
  const claims = pending.claims as Record<string, unknown>;
  const email = verifiedEmail(claims);
  return {
    provider: providerButtons().find((p) => p.id === pending.provider_id) ?? { id: pending.provider_id, label: { fr: pending.provider_id, en: pending.provider_id } },
    firstName: text(claims.given_name) ?? text(claims.name) ?? "",
    lastName: text(claims.family_name),
    email,
    emailTaken: email ? Boolean(await q.emailInUse(db, email)) : false,
  };
}

/** « Créer mon compte »: a learner account from the provider's claims, linked, signed in. */
export async function createAccountFromIdentity(db: Db, pendingToken: string | null, input: { firstName: string }, locale: "fr" | "en", meta: RequestMeta) {
  return withRetryingTransaction(db, async (trx) => {
    const pending = pendingToken ? await q.consumePending(trx, hashToken(pendingToken), new Date()) : undefined;
    if (!pending) throw pendingExpired();
    const identity = identityOf(pending);
    const email = verifiedEmail(identity.claims);
    // An address another account holds is left out: the two accounts are not merged on an address.
    const freeEmail = email && !(await q.emailInUse(trx, email)) ? email : null;
    const user = await createAccountWithoutPassword(trx, { firstName: input.firstName, lastName: text(identity.claims.family_name), email: freeEmail, locale });
    const linked = await insertLink(trx, user.id, identity);
    const role = await applyRoleMappings(trx, { user, identityId: linked.id, mappedRole: null }, identity);
    const token = await openSession(trx, user.id, identity, meta);
    logger.info({ userId: user.id, provider: identity.providerId }, "oidc: account created from an identity");
    return { user: { ...user, role }, token, returnTo: pending.return_to };
  });
}

/**
 * « J'ai déjà un compte »: the person proves the account is theirs (its
 * password or access card, throttled as at sign-in), then the identity is
 * linked and they are signed in. A wrong password leaves the choice open.
 */
export async function linkIdentityWithProof(
  db: Db,
  pendingToken: string | null,
  proof: { email: string; password: string } | { code: string },
  meta: RequestMeta,
) {
  const now = new Date();
  if (!pendingToken || !(await q.findPending(db, hashToken(pendingToken), now))) throw pendingExpired();
  const user = "code" in proof ? await checkAccessCard(db, proof.code, meta) : await checkPasswordSignIn(db, proof, meta);
  return withRetryingTransaction(db, async (trx) => {
    const pending = await q.consumePending(trx, hashToken(pendingToken), now);
    if (!pending) throw pendingExpired();
    const identity = identityOf(pending);
    const linked = await insertLink(trx, user.id, identity);
    const role = await applyRoleMappings(trx, { user, identityId: linked.id, mappedRole: linked.mapped_role }, identity);
    const token = await openSession(trx, user.id, identity, meta);
    return { user: { ...user, role }, token, returnTo: pending.return_to };
  });
}

/** The account page: every configured provider, linked or not, and whether unlinking is allowed. */
export async function listSignInProviders(db: Db, user: User) {
  if (!can(user, "update:profile:own")) throw forbidden();
  const identities = await q.identitiesOfUser(db, user.id);
  return providerButtons().map((provider) => {
    const identity = identities.find((i) => i.provider_id === provider.id);
    return { ...provider, linkedAt: identity?.linked_at ?? null };
  });
}

/**
 * Unlinks a provider, unless it is the only way left into the account (no
 * password, no live access card, no other provider). A role a mapping of
 * this provider gave goes with it.
 */
export async function unlinkProvider(db: Db, user: User, providerId: string) {
  if (!can(user, "update:profile:own")) throw forbidden();
  await withRetryingTransaction(db, async (trx) => {
    const means = await q.lockUserSignInMeans(trx, user.id);
    const identities = await q.identitiesOfUser(trx, user.id);
    const target = identities.find((i) => i.provider_id === providerId);
    if (!means || !target) throw notFound();
    if (!means.has_password && !means.has_card && identities.length === 1) throw appError(409, "oidc_last_sign_in", "oidc:errors.last_sign_in");
    await q.deleteIdentity(trx, user.id, providerId);
    // A role a rule of this provider gave goes with the link.
    const current = means.role;
    const after = roleAfterSignIn(current, target.mapped_role, null);
    if (after !== current) await q.setUserRole(trx, user.id, after);
    logger.info({ userId: user.id, provider: providerId }, "oidc: identity unlinked");
  });
}

/** The coordinators' page: configured providers and their claim → role mappings. */
export async function listRoleMappings(db: Db, actor: User) {
  if (!can(actor, "manage:oidc_role_mapping:any")) throw forbidden();
  const mappings = await q.allMappings(db);
  return providerButtons().map((provider) => ({ ...provider, mappings: mappings.filter((m) => m.provider_id === provider.id) }));
}

export async function addRoleMapping(db: Db, actor: User, input: Omit<RoleMappingInput, "intent">) {
  if (!can(actor, "manage:oidc_role_mapping:any")) throw forbidden();
  if (!findProvider(input.providerId)) throw appError(400, "oidc_unknown_provider", "oidc:errors.unknown_provider");
  const mapping = await q.insertMapping(db, { ...input, createdBy: actor.id });
  logger.info({ actorId: actor.id, mapping }, "oidc: role mapping saved");
  return mapping;
}

export async function removeRoleMapping(db: Db, actor: User, mappingId: string) {
  if (!can(actor, "manage:oidc_role_mapping:any")) throw forbidden();
  const removed = isUuid(mappingId) ? await q.deleteMapping(db, mappingId) : undefined;
  if (!removed) throw notFound();
  logger.info({ actorId: actor.id, mapping: removed }, "oidc: role mapping removed");
  return removed;
}

/**
 * Where to send the browser after our session ends: the provider's sign-out
 * page when its discovery names one (with the ID token as hint and our home
 * page to come back to), otherwise null. Read before the session is deleted.
 */
export async function providerSignOutUrl(db: Db, sessionId: string): Promise<string | null> {
  const row = await q.findOidcSession(db, sessionId);
  const provider = row ? findProvider(row.provider_id) : undefined;
  if (!row || !provider) return null;
  try {
    const config = await providerConfiguration(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { id_token_hint: row.id_token, post_logout_redirect_uri: postLogoutRedirectUri() }).href;
  } catch (error) {
    // The provider being down must not keep anyone signed in here.
    logger.warn({ err: error, provider: provider.id }, "oidc: provider sign-out skipped");
    return null;
  }
}

/** Sign-ins that never came back and choices never made. */
export function purgeExpiredSignIns(db: Db, now: Date) {
  return q.purgeExpired(db, now);
}
