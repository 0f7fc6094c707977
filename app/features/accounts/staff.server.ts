import type { Role, StaffInvitation, User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, FieldError, forbidden, notFound } from "../../lib/errors";
import { serverT } from "../../lib/i18n.server";
import { isUuid } from "../../lib/ids";
import { queueMail } from "../../lib/mail.server";
import { hashPassword } from "../../lib/password.server";
import { can } from "../../lib/permissions";
import { publicUrl } from "../../lib/public-url.server";
import { createSession, invalidateUserSessions } from "../../lib/session.server";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { attachPartnerStaff, requireInvitablePartner } from "../jobs/partners.server";
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
export async function inviteStaff(db: Db, actor: User, input: InvitationInput) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (await q.findUserByEmail(db, input.email)) throw new FieldError("email", "admin:errors.invite_email_taken");
  // A partner's staff member acts for one organisation, named now (issue 20).
  const partner = input.role === "partner" ? await requireInvitablePartner(db, input.partnerId ?? undefined) : null;
  if (input.role === "partner" && !partner) throw new FieldError("partnerId", "jobs:errors.invite_partner_required");
  return db.transaction().execute((trx) => createInvitation(trx, actor, { ...input, partnerId: partner?.id ?? null }));
}

type InvitationInput = { email: string; firstName: string; role: StaffRole; locale: "fr" | "en"; partnerId?: string | null };

/** A new link (a fresh token and expiry), saved with its mail in the caller's transaction. */
async function createInvitation(trx: DbOrTrx, actor: User, input: InvitationInput) {
  const token = generateToken();
  const link = `${publicUrl()}/invitation?jeton=${token}`;
  const t = serverT(input.locale);
  const invitation = await q.insertStaffInvitation(trx, {
    tokenHash: hashToken(token),
    email: input.email,
    firstName: input.firstName,
    role: input.role,
    invitedBy: actor.id,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    locale: input.locale,
    partnerId: input.partnerId,
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
  return { id: invitation.id, email: input.email, expiresAt: invitation.expires_at };
}

/**
 * Cancels a pending invitation: its link answers 410 from now on. Cancelling
 * one already cancelled changes nothing and is not an error (a double click,
 * two coordinators); one already used is refused, the account exists.
 */
export async function cancelInvitation(db: Db, actor: User, invitationId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (!isUuid(invitationId)) throw appError(404, "not_found", "admin:errors.invitation_not_found");
  const cancelled = await q.cancelStaffInvitation(db, invitationId, actor.id, new Date());
  if (cancelled) return { email: cancelled.email, alreadyCancelled: false };
  const invitation = await q.findStaffInvitationById(db, invitationId);
  if (!invitation) throw appError(404, "not_found", "admin:errors.invitation_not_found");
  if (invitation.used_at) throw appError(409, "invitation_used", "admin:errors.invitation_already_used");
  return { email: invitation.email, alreadyCancelled: true };
}

/**
 * Sends a pending (or expired) invitation again with a new link: the old row
 * is cancelled and points to the new one, in the same transaction as the new
 * row and its mail, so exactly one link works afterwards.
 */
export async function resendInvitation(db: Db, actor: User, invitationId: string) {
  if (!can(actor, "manage:user:any")) throw forbidden();
  if (!isUuid(invitationId)) throw appError(404, "not_found", "admin:errors.invitation_not_found");
  return db.transaction().execute(async (trx) => {
    const old = await q.cancelStaffInvitation(trx, invitationId, actor.id, new Date());
    if (!old) {
      const invitation = await q.findStaffInvitationById(trx, invitationId);
      if (!invitation) throw appError(404, "not_found", "admin:errors.invitation_not_found");
      if (invitation.used_at) throw appError(409, "invitation_used", "admin:errors.invitation_already_used");
      throw appError(409, "invitation_cancelled", "admin:errors.invitation_already_cancelled");
    }
    if (await q.findUserByEmail(trx, old.email)) throw appError(409, "invitation_taken", "admin:errors.invite_email_taken");
    const fresh = await createInvitation(trx, actor, {
      email: old.email,
      firstName: old.first_name,
      role: old.role,
      locale: old.locale,
      partnerId: old.partner_id,
    });
    await q.setInvitationReplacedBy(trx, old.id, fresh.id);
    return fresh;
  });
}

/** Why an invitation link no longer works: the page answers 404 for a link never issued, 410 for the rest. */
export type InvitationGone = "unknown" | "used" | "expired" | "cancelled" | "replaced";

/** What the invitation page shows before the person chooses a password, or why the link no longer works. */
export async function readInvitation(
  db: Db,
  token: string | null,
): Promise<{ ok: true; email: string; firstName: string; role: StaffRole } | { ok: false; gone: InvitationGone }> {
  const invitation = token && token.length <= 200 ? await q.findStaffInvitation(db, hashToken(token)) : undefined;
  const gone = invitationGone(invitation);
  if (gone || !invitation) return { ok: false, gone: gone ?? "unknown" };
  return { ok: true, email: invitation.email, firstName: invitation.first_name, role: invitation.role };
}

function invitationGone(invitation: StaffInvitation | undefined): InvitationGone | null {
  if (!invitation) return "unknown";
  if (invitation.used_at) return "used";
  if (invitation.replaced_by) return "replaced";
  if (invitation.cancelled_at) return "cancelled";
  if (invitation.expires_at <= new Date()) return "expired";
  return null;
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
    if (!invitation) {
      const gone = invitationGone(await q.findStaffInvitation(trx, hashToken(input.token)));
      if (gone === "cancelled" || gone === "replaced") throw appError(410, `invitation_${gone}`, `admin:errors.invitation_${gone}`);
      throw appError(400, "invitation_invalid", "admin:errors.invitation_invalid");
    }
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
    if (invitation.partner_id) await attachPartnerStaff(trx, invitation.partner_id, user.id);
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
