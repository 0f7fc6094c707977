import type { Role, User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";

export function findUserById(db: DbOrTrx, id: string): Promise<User | undefined> {
  return db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findUserByEmail(db: DbOrTrx, email: string): Promise<User | undefined> {
  return db.selectFrom("app_user").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

/** The account row itself; what points at it cascades or is unlinked by the schema. */
export async function deleteUser(db: DbOrTrx, id: string) {
  await db.deleteFrom("app_user").where("id", "=", id).execute();
}

export function insertUser(
  db: DbOrTrx,
  values: {
    email: string | null;
    passwordHash: string | null;
    firstName: string;
    lastName?: string | null;
    role?: Role;
    locale?: "fr" | "en";
    createdBy?: string | null;
    audience?: string | null;
    commune?: string | null;
  },
) {
  return db
    .insertInto("app_user")
    .values({
      email: values.email,
      password_hash: values.passwordHash,
      first_name: values.firstName,
      last_name: values.lastName ?? null,
      role: values.role ?? "learner",
      locale: values.locale ?? "fr",
      created_by: values.createdBy ?? null,
      audience: values.audience ?? null,
      commune: values.commune ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setPasswordHash(db: DbOrTrx, userId: string, passwordHash: string) {
  await db
    .updateTable("app_user")
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}

export async function updatePreferences(
  db: DbOrTrx,
  userId: string,
  prefs: { locale?: "fr" | "en"; large_text?: boolean; high_contrast?: boolean },
) {
  if (Object.keys(prefs).length === 0) return;
  await db.updateTable("app_user").set({ ...prefs, updated_at: new Date() }).where("id", "=", userId).execute();
}

/** First and last name, audience and commune; a field left undefined is not changed. */
export function updateProfile(
  db: DbOrTrx,
  userId: string,
  profile: { firstName: string; lastName: string | null; audience?: string | null; commune?: string | null },
) {
  return db
    .updateTable("app_user")
    .set({
      first_name: profile.firstName,
      last_name: profile.lastName,
      ...(profile.audience !== undefined ? { audience: profile.audience } : {}),
      // The INSEE code went with the old commune (a mediator's entry); the list has names only.
      ...(profile.commune !== undefined ? { commune: profile.commune, commune_insee: null } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setRole(db: DbOrTrx, userId: string, role: Role) {
  return db
    .updateTable("app_user")
    .set({ role, updated_at: new Date() })
    .where("id", "=", userId)
    .returningAll()
    .executeTakeFirst();
}

export function listUsers(db: DbOrTrx, { search, limit, offset }: { search?: string; limit: number; offset: number }) {
  let query = db
    .selectFrom("app_user")
    .select((eb) => [
      "id",
      "email",
      "first_name",
      "last_name",
      "role",
      "created_at",
      "disabled_at",
      "commune",
      // An access card (mediation domain) is how people without an address sign in.
      eb
        .exists(
          eb
            .selectFrom("access_card")
            .select("access_card.id")
            .whereRef("access_card.user_id", "=", "app_user.id")
            .where("access_card.revoked_at", "is", null),
        )
        .as("has_card"),
      eb.fn.count<string>("id").over().as("total"),
    ])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .offset(offset);
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("email", "ilike", pattern), eb("first_name", "ilike", pattern), eb("last_name", "ilike", pattern)]),
    );
  }
  return query.execute();
}

export function countActiveSessions(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("session")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", new Date())
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function insertPasswordResetToken(db: DbOrTrx, id: string, userId: string, expiresAt: Date) {
  await db.insertInto("password_reset_token").values({ id, user_id: userId, expires_at: expiresAt }).execute();
}

/** Marks the token used and returns its user, in one statement: a second use finds nothing. */
export function consumePasswordResetToken(db: DbOrTrx, id: string, now: Date) {
  return db
    .updateTable("password_reset_token")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
}

/** What the account itself holds about a person, for their data export. */
export async function accountPersonalData(db: DbOrTrx, userId: string) {
  const user = await db
    .selectFrom("app_user")
    .select(["id", "email", "first_name", "last_name", "role", "locale", "large_text", "high_contrast", "created_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  const sessions = await db
    .selectFrom("session")
    .select(["created_at", "expires_at", "ip", "user_agent"])
    .where("user_id", "=", userId)
    .execute();
  return { user, sessions };
}

export async function setSuspended(db: DbOrTrx, userId: string, suspendedBy: string | null, at: Date | null) {
  return db
    .updateTable("app_user")
    .set({ disabled_at: at, suspended_by: at ? suspendedBy : null, updated_at: new Date() })
    .where("id", "=", userId)
    .returning(["id", "disabled_at"])
    .executeTakeFirst();
}

export async function insertStaffInvitation(
  db: DbOrTrx,
  values: {
    tokenHash: string;
    email: string;
    firstName: string;
    role: Exclude<Role, "learner">;
    invitedBy: string;
    expiresAt: Date;
    locale: "fr" | "en";
    partnerId?: string | null;
  },
) {
  return db
    .insertInto("staff_invitation")
    .values({
      token_hash: values.tokenHash,
      email: values.email,
      first_name: values.firstName,
      role: values.role,
      invited_by: values.invitedBy,
      expires_at: values.expiresAt,
      locale: values.locale,
      partner_id: values.role === "partner" ? (values.partnerId ?? null) : null,
    })
    .returning(["id", "expires_at"])
    .executeTakeFirstOrThrow();
}

export function findStaffInvitation(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom("staff_invitation").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Marks the invitation used, in one statement: a second use (or a late one) finds nothing. */
export function consumeStaffInvitation(db: DbOrTrx, tokenHash: string, now: Date) {
  return db
    .updateTable("staff_invitation")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("cancelled_at", "is", null)
    .where("expires_at", ">", now)
    .returningAll()
    .executeTakeFirst();
}

export async function linkStaffInvitation(db: DbOrTrx, invitationId: string, userId: string) {
  await db.updateTable("staff_invitation").set({ user_id: userId }).where("id", "=", invitationId).execute();
}

/** Invitations still waiting, newest first, for the users page. */
export function listPendingInvitations(db: DbOrTrx, now: Date) {
  return db
    .selectFrom("staff_invitation")
    .select(["id", "email", "first_name", "role", "created_at", "expires_at"])
    .where("used_at", "is", null)
    .where("cancelled_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
}

export function findStaffInvitationById(db: DbOrTrx, id: string) {
  return db.selectFrom("staff_invitation").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Cancels an invitation not yet used nor cancelled, in one statement: of two
 * coordinators cancelling (or re-sending) at once, one finds the row.
 */
export function cancelStaffInvitation(db: DbOrTrx, id: string, cancelledBy: string, now: Date) {
  return db
    .updateTable("staff_invitation")
    .set({ cancelled_at: now, cancelled_by: cancelledBy })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("cancelled_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

export async function setInvitationReplacedBy(db: DbOrTrx, id: string, replacedBy: string) {
  await db.updateTable("staff_invitation").set({ replaced_by: replacedBy }).where("id", "=", id).execute();
}
