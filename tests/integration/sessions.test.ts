import { describe, expect, it } from "vitest";
import { changePassword, signIn } from "../../app/features/accounts/service.server";
import {
  ABSOLUTE_LIFETIME_MS,
  createSession,
  INACTIVITY_TIMEOUT_MS,
  invalidateSession,
  validateSessionToken,
} from "../../app/lib/session.server";
import { hashToken } from "../../app/lib/tokens.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";

const meta = { ip: "192.0.2.1", userAgent: "vitest" };
const DAY = 24 * 60 * 60 * 1000;

describe("sessions (Lucia-style, hashed tokens)", () => {
  it("stores only the SHA-256 of a ≥128-bit token", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const token = await createSession(db, user.id, meta);
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 random bytes, base32: 160 bits
    const rows = await db.selectFrom("session").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(token));
    expect(rows[0]!.id).not.toContain(token);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stops a stolen cookie after sign-out", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const token = await createSession(db, user.id, meta);
    const session = await validateSessionToken(db, token);
    expect(session?.user.id).toBe(user.id);
    await invalidateSession(db, session!.sessionId);
    expect(await validateSessionToken(db, token)).toBeNull();
  });

  it("ends every session of the user on a password change, and opens a fresh one", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const stolen = (await signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta)).token;
    const mine = (await signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta)).token;
    const fresh = await changePassword(db, user, { currentPassword: TEST_PASSWORD, password: "un tout nouveau mot de passe" }, meta);
    expect(await validateSessionToken(db, stolen)).toBeNull();
    expect(await validateSessionToken(db, mine)).toBeNull();
    expect((await validateSessionToken(db, fresh))?.user.id).toBe(user.id);
  });

  it("slides the inactivity timeout but never past the absolute lifetime", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const start = new Date("2026-01-01T10:00:00Z");
    const token = await createSession(db, user.id, meta, start);
    // Used every 5 days: renewed each time…
    let now = start;
    for (let i = 0; i < 5; i++) {
      now = new Date(now.getTime() + 5 * DAY);
      const s = await validateSessionToken(db, token, now);
      expect(s, `day ${(now.getTime() - start.getTime()) / DAY}`).not.toBeNull();
    }
    // …until the absolute lifetime (30 days) ends it, however active.
    const afterAbsolute = new Date(start.getTime() + ABSOLUTE_LIFETIME_MS + 1000);
    expect(await validateSessionToken(db, token, afterAbsolute)).toBeNull();
  });

  it("ends after the inactivity timeout", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const start = new Date("2026-02-01T10:00:00Z");
    const token = await createSession(db, user.id, meta, start);
    const idle = new Date(start.getTime() + INACTIVITY_TIMEOUT_MS + 1000);
    expect(await validateSessionToken(db, token, idle)).toBeNull();
    // and the row is gone
    expect(await db.selectFrom("session").select("id").where("id", "=", hashToken(token)).executeTakeFirst()).toBeUndefined();
  });

  it("refuses a disabled account's session", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const token = await createSession(db, user.id, meta);
    await db.updateTable("app_user").set({ disabled_at: new Date() }).where("id", "=", user.id).execute();
    expect(await validateSessionToken(db, token)).toBeNull();
  });
});
