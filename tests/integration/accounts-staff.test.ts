import { describe, expect, it } from "vitest";
import { listUsersForAdmin, signIn } from "../../app/features/accounts/service.server";
import { acceptInvitation, inviteStaff, reactivateUser, readInvitation, suspendUser } from "../../app/features/accounts/staff.server";
import { FieldError, isAppError } from "../../app/lib/errors";
import { createSession, validateSessionToken } from "../../app/lib/session.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";

const meta = { ip: "198.51.100.9", userAgent: "vitest" };

/** The message key of an expected failure, beside a field or above the form. */
async function fieldError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FieldError) return error.messageKey;
    if (isAppError(error)) return error.data.messageKey;
    throw error;
  }
  throw new Error("expected a field error");
}

/** The link of the last invitation mail queued to `email`. */
async function invitationToken(db: Awaited<ReturnType<typeof testDb>>, email: string) {
  const mail = await db.selectFrom("outbox_message").select("text_body").where("to_address", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();
  return /invitation\?jeton=([a-z0-9]+)/.exec(mail.text_body)![1]!;
}

describe("staff invitations and suspension", () => {
  it("invites a mediator through the outbox; the link works once, with the role chosen by the inviter", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const email = uniqueEmail("invite");
    await inviteStaff(db, coordinator, { email, firstName: "Nadia", role: "mediator", locale: "fr" });
    const token = await invitationToken(db, email);
    expect(await readInvitation(db, token)).toMatchObject({ ok: true, email, role: "mediator" });
    // The database keeps only the token's hash.
    const stored = await db.selectFrom("staff_invitation").select("token_hash").where("email", "=", email).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);

    const { user } = await acceptInvitation(db, { token, firstName: "Nadia", lastName: "Benali", password: TEST_PASSWORD }, meta);
    expect(user).toMatchObject({ email, role: "mediator", last_name: "Benali", created_by: coordinator.id });
    expect(await readInvitation(db, token)).toEqual({ ok: false, gone: "used" });
    expect(await statusOf(acceptInvitation(db, { token, firstName: "Autre", password: TEST_PASSWORD }, meta))).toBe(400);
    expect(await db.selectFrom("app_user").select("id").where("email", "=", email).execute()).toHaveLength(1);
  });

  it("refuses an expired link, a learner inviting, and an address that already has an account", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const email = uniqueEmail("late");
    await inviteStaff(db, coordinator, { email, firstName: "Luc", role: "teacher", locale: "fr" });
    const token = await invitationToken(db, email);
    await db.updateTable("staff_invitation").set({ expires_at: new Date(Date.now() - 1000) }).where("email", "=", email).execute();
    expect(await readInvitation(db, token)).toEqual({ ok: false, gone: "expired" });
    expect(await statusOf(acceptInvitation(db, { token, firstName: "Luc", password: TEST_PASSWORD }, meta))).toBe(400);
    expect(await db.selectFrom("app_user").select("id").where("email", "=", email).execute()).toHaveLength(0);

    const learner = await createUser(db);
    expect(await statusOf(inviteStaff(db, learner, { email: uniqueEmail(), firstName: "X", role: "coordinator", locale: "fr" }))).toBe(403);
    expect(await fieldError(inviteStaff(db, coordinator, { email: learner.email!, firstName: "X", role: "mediator", locale: "fr" }))).toBe(
      "admin:errors.invite_email_taken",
    );
  });

  it("suspends an account (sessions end, data kept, sign-in refused plainly) and reactivates it", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const person = await createUser(db, { role: "mediator" });
    const token = await createSession(db, person.id);
    const { endedSessions } = await suspendUser(db, coordinator, person.id);
    expect(endedSessions).toBe(1);
    expect(await validateSessionToken(db, token)).toBeNull();
    expect(await fieldError(signIn(db, { email: person.email!, password: TEST_PASSWORD }, meta))).toBe("accounts:errors.account_suspended");
    // A wrong password says nothing about the suspension.
    expect(await fieldError(signIn(db, { email: person.email!, password: "pas le bon" }, meta))).toBe("accounts:errors.bad_credentials");
    expect(await db.selectFrom("app_user").select("id").where("id", "=", person.id).executeTakeFirst()).toBeDefined();
    expect(await statusOf(suspendUser(db, coordinator, coordinator.id))).toBe(400);
    expect(await statusOf(suspendUser(db, person, coordinator.id))).toBe(403);

    await reactivateUser(db, coordinator, person.id);
    const { user } = await signIn(db, { email: person.email!, password: TEST_PASSWORD }, meta);
    expect(user.id).toBe(person.id);
  });

  it("lists enough to tell two people with the same name apart", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const a = await createUser(db, { firstName: "Homonyme" });
    const b = await createUser(db, { firstName: "Homonyme", email: null });
    await db.updateTable("app_user").set({ commune: "Saint-Aubin" }).where("id", "=", b.id).execute();
    await db.insertInto("access_card").values({ user_id: b.id, code_hash: `h-${b.id}` }).execute();
    const { users } = await listUsersForAdmin(db, coordinator, { search: "Homonyme", page: 1 });
    const rowA = users.find((u) => u.id === a.id)!;
    const rowB = users.find((u) => u.id === b.id)!;
    expect(rowA).toMatchObject({ email: a.email, has_card: false });
    expect(rowB).toMatchObject({ email: null, has_card: true, commune: "Saint-Aubin" });
    expect(rowB.created_at).toBeInstanceOf(Date);
  });
});
