import type { Role, User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError, FieldError, forbidden, notFound } from "../../lib/errors";
import { serverT } from "../../lib/i18n.server";
import { isUuid } from "../../lib/ids";
import { queueMail } from "../../lib/mail.server";
import { hashPassword } from "../../lib/password.server";
import { can } from "../../lib/permissions";
import { publicUrl } from "../../lib/public-url.server";
import { createSession, invalidateUserSessions } from "../../lib/session.server";
import { generateToken, hashToken } from "../../lib/tokens.server";
import * as q from "./queries.server";
import type { RequestMeta } from "./service.server";

/** An invitation link works for three days, once. */
export const INVITATION_TTL_MS = 3 * 24 * 60 * 60 * 1000;

export type StaffRole = Exclude<Role, "learner">;

/**
 * A coordinator invites a staff member: the role is chosen now, the mail goes
 * through the outbox in the same transaction (nothing is sent if the
 * invitation is not saved). The address must not have an account yet; an
 * existing account's role is changed on its own page.
 */
export async function inviteStaff(db: Db, actor: User, input: { email: string; firstName: string; role: StaffRole; locale: "fr" | "en" }) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (await q.findUserByEmail(db, input.email)) throw new FieldError("email", "admin:errors.invite_email_taken");
  const token = generateToken();
  const link = `${publicUrl()}/invitation?jeton=${token}`;
  const t = serverT(input.locale);
  return db.transaction().execute(async (trx) => {
    const invitation = await q.insertStaffInvitation(trx, {
      tokenHash: hashToken(token),
      email: input.email,
      firstName: input.firstName,
      role: input.role,
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    await queueMail(trx, {
      to: input.email,
      subject: t("admin:invite_mail.subject"),
      text: t("admin:invite_mail.body", {
        name: input.firstName,
        inviter: actor.first_name,
        role: t(`accounts:roles.${input.role}`),
        link,
        days: INVITATION_TTL_MS / 86_400_000,
      }),
    });
    return { email: input.email, expiresAt: invitation.expires_at };
  });
}

/** What the invitation page shows before the person chooses a password; null when the link no longer works. */
export async function readInvitation(db: Db, token: string | null) {
  if (!token || token.length > 200) return null;
  const invitation = await q.findStaffInvitation(db, hashToken(token));
  if (!invitation || invitation.used_at || invitation.expires_at <= new Date()) return null;
  return { email: invitation.email, firstName: invitation.first_name, role: invitation.role };
}

/**
 * The invited person chooses a password: the invitation is consumed and the
 * account created in one transaction, so a link clicked twice (or after its
 * expiry) creates nothing.
 */
export async function acceptInvitation(db: Db, input: { token: string; firstName: string; lastName?: string; password: string }, meta: RequestMeta) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const invitation = await q.consumeStaffInvitation(trx, hashToken(input.token), new Date());
    if (!invitation) throw appError(400, "invitation_invalid", "admin:errors.invitation_invalid");
    if (await q.findUserByEmail(trx, invitation.email)) throw appError(400, "invitation_taken", "admin:errors.invite_email_taken");
    const user = await q.insertUser(trx, {
      email: invitation.email,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName || null,
      role: invitation.role,
      createdBy: invitation.invited_by,
    });
    await q.linkStaffInvitation(trx, invitation.id, user.id);
    const token = await createSession(trx, user.id, meta);
    return { user, token };
  });
}

export async function listPendingInvitations(db: Db, actor: User) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  return q.listPendingInvitations(db, new Date());
}

/**
 * Suspends an account: every session ends at once, sign-in is refused with a
 * message saying so, and nothing is deleted. Reactivating gives it all back.
 */
export async function suspendUser(db: Db, actor: User, userId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (actor.id === userId) throw appError(400, "own_account", "admin:errors.own_suspend");
  if (!isUuid(userId)) throw notFound("user");
  return db.transaction().execute(async (trx) => {
    const updated = await q.setSuspended(trx, userId, actor.id, new Date());
    if (!updated) throw notFound("user");
    return { endedSessions: await invalidateUserSessions(trx, userId) };
  });
}

export async function reactivateUser(db: Db, actor: User, userId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (!isUuid(userId)) throw notFound("user");
  const updated = await q.setSuspended(db, userId, null, null);
  if (!updated) throw notFound("user");
}
