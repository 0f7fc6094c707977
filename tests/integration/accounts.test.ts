import { describe, expect, it } from "vitest";
import { FieldError } from "../../app/lib/errors";
import { changeUserRole, endUserSessions, requestPasswordReset, resetPassword, signIn, signUp } from "../../app/features/accounts/service.server";
import { isAppError } from "../../app/lib/errors";
import { SIGN_IN_LIMITS } from "../../app/lib/throttle.server";
import { verifyPassword } from "../../app/lib/password.server";
import { createSession, validateSessionToken } from "../../app/lib/session.server";
import { hashToken } from "../../app/lib/tokens.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";

const meta = (ip = "198.51.100.7") => ({ ip, userAgent: "vitest" });

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("accounts", () => {
  it("hashes passwords with argon2id at or above OWASP's minimum", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    await signUp(db, { firstName: "Paul", email, password: "une phrase de passe", locale: "fr" }, meta());
    const row = await db.selectFrom("app_user").select("password_hash").where("email", "=", email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, t] = /m=(\d+),t=(\d+)/.exec(row.password_hash!)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19_456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(await verifyPassword(row.password_hash!, "une phrase de passe")).toBe(true);
  });

  it("keeps one account when two sign-ups race for the same address", async () => {
    const db = await testDb();
    const email = uniqueEmail("race");
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => signUp(db, { firstName: "A", email, password: "une phrase de passe", locale: "fr" }, meta())),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === "rejected")) {
      expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(FieldError);
    }
    const { count } = await db.selectFrom("app_user").select((eb) => eb.fn.countAll<string>().as("count")).where("email", "=", email).executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1);
  });

  it("throttles an account after 10 failures from one address, and after 100 from anywhere", async () => {
    const db = await testDb();
    const user = await createUser(db);
    for (let i = 0; i < SIGN_IN_LIMITS.accountFromAddress; i++) {
      expect(await rejection(signIn(db, { email: user.email!, password: "mauvais" }, meta("203.0.113.1")))).toMatchObject({ data: { code: "bad_credentials" } });
    }
    const blocked = await rejection(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta("203.0.113.1")));
    expect(isAppError(blocked) && blocked.data.code).toBe("throttled");
    // The owner, elsewhere, is not locked out by a stranger's ten guesses.
    await expect(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta("198.51.100.7"))).resolves.toBeTruthy();
    // Guesses spread over many addresses stop at the account-wide limit.
    await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.account }, (_, i) =>
        rejection(signIn(db, { email: user.email!, password: "mauvais" }, meta(`203.0.${100 + Math.floor(i / 5)}.${i % 5}`))),
      ),
    );
    const spread = await rejection(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta("198.51.100.8")));
    expect(isAppError(spread) && spread.data.code).toBe("throttled");
  });

  it("lets a relay space's shared address make a few mistakes, then throttles it across accounts", async () => {
    const db = await testDb();
    const ip = "192.0.2.200";
    const user = await createUser(db);
    // A room of people behind one address: ten wrong passwords on different accounts lock nobody out.
    for (let i = 0; i < SIGN_IN_LIMITS.accountFromAddress; i++) await rejection(signIn(db, { email: uniqueEmail("nobody"), password: "x" }, meta(ip)));
    await expect(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta(ip))).resolves.toBeTruthy();
    // Guessing across many accounts from one address is stopped.
    for (let i = SIGN_IN_LIMITS.accountFromAddress; i < SIGN_IN_LIMITS.address; i++) {
      await rejection(signIn(db, { email: uniqueEmail("nobody"), password: "x" }, meta(ip)));
    }
    const error = await rejection(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta(ip)));
    expect(isAppError(error) && error.data.code).toBe("throttled");
    // Another address is not affected.
    await expect(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta("192.0.2.201"))).resolves.toBeTruthy();
  });

  it("resets a password once with an emailed, hashed, expiring token", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const oldSession = await createSession(db, user.id, meta());
    await requestPasswordReset(db, user.email!);
    const mail = await db.selectFrom("outbox_message").selectAll().where("to_address", "=", user.email!).executeTakeFirstOrThrow();
    const token = /jeton=([a-z0-9]+)/.exec(mail.text_body)![1]!;
    const stored = await db.selectFrom("password_reset_token").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(stored.id).toBe(hashToken(token));
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBeLessThanOrEqual(60 * 60 * 1000 + 1000);

    await resetPassword(db, { token, password: "nouveau mot de passe" }, meta());
    expect(await validateSessionToken(db, oldSession)).toBeNull();
    const again = await rejection(resetPassword(db, { token, password: "encore un autre" }, meta()));
    expect(isAppError(again) && again.data.code).toBe("reset_invalid");
    await expect(signIn(db, { email: user.email!, password: "nouveau mot de passe" }, meta("192.0.2.50"))).resolves.toBeTruthy();
  });

  it("refuses an expired reset token", async () => {
    const db = await testDb();
    const user = await createUser(db);
    await db
      .insertInto("password_reset_token")
      .values({ id: hashToken("expiredtokenexpiredtoken"), user_id: user.id, expires_at: new Date(Date.now() - 1000) })
      .execute();
    const error = await rejection(resetPassword(db, { token: "expiredtokenexpiredtoken", password: "nouveau mot de passe" }, meta()));
    expect(isAppError(error) && error.data.code).toBe("reset_invalid");
  });

  it("answers a reset request for an unknown address the same way, without queuing mail", async () => {
    const db = await testDb();
    const email = uniqueEmail("ghost");
    await expect(requestPasswordReset(db, email)).resolves.toBeUndefined();
    expect(await db.selectFrom("outbox_message").select("id").where("to_address", "=", email).executeTakeFirst()).toBeUndefined();
  });

  it("lets only coordinators change roles and end sessions", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const mediator = await createUser(db, { role: "mediator" });
    const learner = await createUser(db);
    const forbidden = await rejection(changeUserRole(db, mediator, learner.id, "coordinator"));
    expect(isAppError(forbidden) && forbidden.init).toMatchObject({ status: 403 });
    expect((await changeUserRole(db, coordinator, learner.id, "teacher")).role).toBe("teacher");
    const own = await rejection(changeUserRole(db, coordinator, coordinator.id, "learner"));
    expect(isAppError(own) && own.data.code).toBe("own_role");
    const missing = await rejection(changeUserRole(db, coordinator, "not-a-uuid", "learner"));
    expect(isAppError(missing) && missing.init).toMatchObject({ status: 404 });

    const token = await createSession(db, learner.id, meta());
    expect(await endUserSessions(db, coordinator, learner.id)).toBe(1);
    expect(await validateSessionToken(db, token)).toBeNull();
  });
});
