import type { Role, User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden, notFound, FieldError } from "../../lib/errors";
import { publicUrl } from "../../lib/public-url.server";
import { serverT } from "../../lib/i18n.server";
import { queueMail } from "../../lib/mail.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../lib/password.server";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { personalDataSources } from "../../lib/personal-data.server";
import { createSession, invalidateUserSessions } from "../../lib/session.server";
import { addressKey, countAttempt, forgiveAttempt, PASSWORD_RECHECK_LIMIT, resetCounter, SIGN_IN_LIMITS } from "../../lib/throttle.server";
import { generateToken, hashToken } from "../../lib/tokens.server";
import * as q from "./queries.server";

// How other domains read an account.
export { findUserByEmail, findUserById } from "./queries.server";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/** A field error the route turns into a 400 form reply (nothing was written). */
export async function signUp(
  db: Db,
  input: { firstName: string; email: string; password: string; locale: "fr" | "en" } & ProfileInput,
  meta: RequestMeta,
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await q.findUserByEmail(trx, input.email)) throw new FieldError("email", "accounts:errors.email_taken");
    try {
      const user = await q.insertUser(trx, {
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName ?? null,
        audience: input.audience ?? null,
        commune: input.commune ?? null,
        locale: input.locale,
      });
      const token = await createSession(trx, user.id, meta);
      return { user, token };
    } catch (error) {
      // Two sign-ups racing for one address: the unique constraint decides.
      if ((error as { code?: string }).code === "23505") throw new FieldError("email", "accounts:errors.email_taken");
      throw error;
    }
  });
}

/** The optional fields asked at sign-up and on /compte (see profile.ts). */
export interface ProfileInput {
  lastName?: string | null;
  audience?: string | null;
  commune?: string | null;
}

/** A person changes their own name, audience and commune. */
export async function updateOwnProfile(db: Db, user: User, input: { firstName: string } & ProfileInput) {
  return q.updateProfile(db, user.id, { firstName: input.firstName, lastName: input.lastName ?? null, audience: input.audience, commune: input.commune });
}

const throttled = () => appError(429, "throttled", "accounts:errors.throttled");

/**
 * Counts a password sign-in before the password is checked (see
 * throttle.server.ts). The account-wide counter is only touched by attempts
 * the address was still allowed, so one address hammering an account uses up
 * its own 10 tries, not the owner's.
 */
async function countSignInAttempt(db: Db, email: string, ip: string | null) {
  const address = ip ?? "unknown";
  const pair = { key: `signin:account-ip:${email}|${address}`, limit: SIGN_IN_LIMITS.accountFromAddress };
  const fromAddress = { key: addressKey("signin", address), limit: SIGN_IN_LIMITS.address };
  const account = { key: `signin:account:${email}`, limit: SIGN_IN_LIMITS.account };
  if (!(await countAttempt(db, [pair, fromAddress]))) throw throttled();
  if (!(await countAttempt(db, [account]))) throw throttled();
  return {
    async succeeded() {
      await resetCounter(db, [pair.key]);
      await forgiveAttempt(db, [fromAddress.key, account.key]);
    },
  };
}

/**
 * Checks the password and opens a new session (a fresh token at every sign-in,
 * so a token planted before sign-in is worthless). Throttled per account and
 * address (10 per 15 minutes), per address (50) and per account (100).
 */
export async function signIn(db: Db, input: { email: string; password: string }, meta: RequestMeta) {
  const user = await checkPasswordSignIn(db, input, meta);
  const token = await createSession(db, user.id, meta);
  return { user, token };
}

/**
 * The checks of a password sign-in, throttled the same way, without opening
 * a session: for a sign-in that does more before it opens one (linking an
 * OpenID identity, decision 047).
 */
export async function checkPasswordSignIn(db: Db, input: { email: string; password: string }, meta: RequestMeta) {
  const attempt = await countSignInAttempt(db, input.email, meta.ip);
  const user = await q.findUserByEmail(db, input.email);
  const ok = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : false;
  if (!user?.password_hash) await burnPasswordCheck(input.password);
  // About the pair, not one answer (saying which would tell a stranger the address has an account): a message above the form.
  if (!user || !ok) throw appError(400, "bad_credentials", "accounts:errors.bad_credentials");
  // Said only to someone who knows the password: a suspension is not a secret from its owner.
  if (user.disabled_at) throw appError(423, "account_suspended", "accounts:errors.account_suspended");
  await attempt.succeeded();
  return user;
}

/** An account without a password (created from an OpenID identity, decision 047), inside the caller's transaction. */
export function createAccountWithoutPassword(
  trx: DbOrTrx,
  input: { firstName: string; lastName: string | null; email: string | null; locale: "fr" | "en" },
) {
  return q.insertUser(trx, { ...input, passwordHash: null });
}

/**
 * The signed-in person re-types their password (to change it, to delete the
 * account): the same guard as sign-in, per user, so a session left open on a
 * shared PC does not let anyone guess the password at leisure.
 */
async function recheckPassword(db: Db, user: User, password: string, field: string) {
  const key = `recheck:user:${user.id}`;
  if (!(await countAttempt(db, [{ key, limit: PASSWORD_RECHECK_LIMIT }]))) throw throttled();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
    throw new FieldError(field, "accounts:errors.current_password_wrong");
  }
  await resetCounter(db, [key]);
}

export async function changePassword(
  db: Db,
  user: User,
  input: { currentPassword: string; password: string },
  meta: RequestMeta,
) {
  if (!can(user, "update:profile:own")) throw forbidden();
  await recheckPassword(db, user, input.currentPassword, "currentPassword");
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await q.setPasswordHash(trx, user.id, passwordHash);
    // Every session ends, this one included; the caller gets a fresh one.
    await invalidateUserSessions(trx, user.id);
    return createSession(trx, user.id, meta);
  });
}

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(db: Db, email: string) {
  const user = await q.findUserByEmail(db, email);
  if (!user || user.disabled_at) return;
  const token = generateToken();
  const link = `${publicUrl()}/mot-de-passe/nouveau?jeton=${token}`;
  const t = serverT(user.locale);
  await db.transaction().execute(async (trx) => {
    await q.insertPasswordResetToken(trx, hashToken(token), user.id, new Date(Date.now() + RESET_TOKEN_TTL_MS));
    await queueMail(trx, {
      to: email,
      subject: t("accounts:reset_mail.subject"),
      userId: user.id,
      locale: user.locale,
      text: t("accounts:reset_mail.body", { name: user.first_name, link, minutes: RESET_TOKEN_TTL_MS / 60000 }),
    });
  });
}

export async function resetPassword(db: Db, input: { token: string; password: string }, meta: RequestMeta) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const consumed = await q.consumePasswordResetToken(trx, hashToken(input.token), new Date());
    if (!consumed) throw appError(400, "reset_invalid", "accounts:errors.reset_invalid");
    await q.setPasswordHash(trx, consumed.user_id, passwordHash);
    await invalidateUserSessions(trx, consumed.user_id);
    const token = await createSession(trx, consumed.user_id, meta);
    const user = await q.findUserById(trx, consumed.user_id);
    return { token, user: user! };
  });
}

export async function savePreferences(
  db: Db,
  user: Pick<User, "id"> | null,
  prefs: { locale?: "fr" | "en"; large_text?: boolean; high_contrast?: boolean },
) {
  if (user) await q.updatePreferences(db, user.id, prefs);
}

const PAGE_SIZE = 25;

export async function listUsersForAdmin(db: Db, actor: User, { search, page }: { search?: string; page: number }) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  const rows = await q.listUsers(db, { search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { users: rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function getUserForAdmin(db: Db, actor: User, userId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  const user = isUuid(userId) ? await q.findUserById(db, userId) : undefined;
  if (!user) throw notFound("user");
  return { user, activeSessions: await q.countActiveSessions(db, userId) };
}

export async function changeUserRole(db: Db, actor: User, userId: string, role: Role) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (actor.id === userId) throw appError(400, "own_role", "admin:errors.own_role");
  if (!isUuid(userId)) throw notFound("user");
  const updated = await q.setRole(db, userId, role);
  if (!updated) throw notFound("user");
  return updated;
}

export async function endUserSessions(db: Db, actor: User, userId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (!isUuid(userId) || !(await q.findUserById(db, userId))) throw notFound("user");
  return invalidateUserSessions(db, userId);
}

/** Everything Passerelle keeps about the user, as one JSON document (GDPR art. 15 and 20). */
export async function exportPersonalData(db: Db, user: User) {
  if (!can(user, "read:profile:own")) throw forbidden();
  const data: Record<string, unknown> = { exportedAt: new Date().toISOString() };
  for (const source of personalDataSources()) data[source.name] = await source.collect(db, user.id);
  return data;
}

/**
 * Deletes the account (GDPR art. 17). The person confirms with their password;
 * people without one (assisted accounts) ask a mediator or the coordination,
 * who delete it from the users page.
 */
export async function deleteOwnAccount(db: Db, user: User, password: string) {
  if (!can(user, "update:profile:own")) throw forbidden();
  await recheckPassword(db, user, password, "password");
  await eraseUser(db, user.id);
}

export async function deleteUserAsCoordinator(db: Db, actor: User, userId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (actor.id === userId) throw appError(400, "own_account", "admin:errors.own_account");
  if (!isUuid(userId) || !(await q.findUserById(db, userId))) throw notFound("user");
  await eraseUser(db, userId);
}

async function eraseUser(db: Db, userId: string) {
  await db.transaction().execute(async (trx) => {
    for (const source of personalDataSources()) await source.erase?.(trx, userId);
    await q.deleteUser(trx, userId);
  });
}
